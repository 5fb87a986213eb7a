package dev.couponbook.messages.error;

/**
 * Every refusal the service answers, named by its stable {@link #code()}: clients switch on it,
 * {@code CouponActionRejected} events store it, so a constant is never renamed. Each carries the
 * detail most refusals of its kind give; a throw site passes a more precise one where it has it.
 * Transport stays out: the web edge alone decides which HTTP status a refusal gets.
 */
public enum Refusal {

    // Coupon books and their terms.
    BOOK_NOT_FOUND("no coupon book with this id"),
    BOOK_INACTIVE("the coupon book is deactivated"),
    BOOK_NOT_STARTED("the coupon book has not opened yet"),
    BOOK_EXPIRED("the coupon book has ended"),
    NAME_REQUIRED("name must not be blank"),
    NAME_TOO_LONG("name is too long"),
    DESCRIPTION_TOO_LONG("description is too long"),
    INVALID_WINDOW("endDate must be after startDate"),
    INVALID_LIMIT("the limits must be positive"),
    INVALID_PATTERN("the code pattern cannot be read"),
    PATTERN_TOO_SMALL("the code pattern holds too few codes"),
    INVALID_CODE_VALIDITY("codeValidityAfterAssignment must be a positive ISO-8601 duration of days, hours, minutes or seconds"),

    // Codes: uploads and generation jobs.
    INVALID_COUNT("count must be positive"),
    COUNT_TOO_LARGE("count is too large for one job"),
    INVALID_CHUNK_SIZE("chunkSize is out of range"),
    INVALID_CHUNK("the chunk is not part of the job"),
    INVALID_BATCH("the batch size is out of range"),
    GENERATION_INCOMPLETE("the job still has chunks to record"),
    GENERATION_JOB_NOT_FOUND("no generation job with this id in this book"),

    // Assignment, locks and redemption.
    COUPON_NOT_FOUND("you hold no coupon with this code"),
    COUPON_ALREADY_ASSIGNED("this code has already been assigned"),
    NO_CODES_AVAILABLE("every code of this book has been assigned"),
    CODE_LIMIT_REACHED("you already hold the codes this book allows per user"),
    COUPON_LOCKED("the coupon is locked by another checkout"),
    LOCK_EXPIRED("the lock has run out; lock the coupon again"),
    LOCK_NOT_HELD("this lock does not hold the coupon; lock it first"),
    ALREADY_REDEEMED("the coupon has already been redeemed"),
    REDEMPTION_LIMIT_REACHED("the coupon has been redeemed the most times allowed"),
    USER_REDEMPTION_LIMIT_REACHED("you have made the redemptions this book allows per user"),
    BUDGET_EXHAUSTED("the book's redemption budget is used up"),
    REDEMPTION_NOT_FOUND("the coupon has no redemption with this id"),
    COUPON_DISABLED("this code has been disabled"),
    COUPON_EXPIRED("this code has expired"),
    INVALID_EXPIRY("expiresAt must be an ISO-8601 instant such as 2026-12-31T23:59:59Z"),
    INVALID_TTL("ttlSeconds is out of range"),
    INVALID_METADATA("metadata cannot be stored"),
    METADATA_TOO_LARGE("metadata is larger than 4096 bytes as compact JSON"),
    INVALID_USER_ID("userId must be 1 to 128 visible ASCII characters"),
    FORBIDDEN_USER("only an admin may act for another user"),
    USER_ID_REQUIRED("a service account names the user it acts for in userId"),

    // Stores that did not answer: nothing changed, and the same request may simply be sent again.
    REDIS_UNAVAILABLE("the lock and pool store did not answer; retry shortly"),
    POOL_REBUILDING("the book's free codes are being restored from the history; retry in a few seconds"),
    POOL_STALE("the book's pool holds too many assigned codes; retry shortly"),
    READ_MODEL_BEHIND("the read model has not yet processed all stored events; retry or wait longer"),

    // Request handling shared by every endpoint.
    VALIDATION_FAILED("invalid fields"),
    MALFORMED_JSON("the request body is not valid JSON"),
    PAYLOAD_TOO_LARGE("the request body is too large"),
    INVALID_IDEMPOTENCY_KEY("Idempotency-Key must be 1 to 100 characters of A-Z a-z 0-9 _ . : -"),
    IDEMPOTENCY_KEY_IN_USE("a request with this Idempotency-Key is still running"),
    IDEMPOTENCY_KEY_REUSED("this Idempotency-Key was used for another request"),
    IDEMPOTENCY_KEY_MISMATCH("this Idempotency-Key was used with a different request body"),
    RATE_LIMITED("too many requests; retry later"),
    CONCURRENT_MODIFICATION("the resource changed concurrently; retry the request"),
    NOT_FOUND("no such resource"),
    METHOD_NOT_ALLOWED("this method is not allowed here"),
    NOT_ACCEPTABLE("no acceptable representation"),
    UNSUPPORTED_MEDIA_TYPE("this content type is not supported here"),
    BAD_REQUEST("the request cannot be read"),
    REQUEST_REFUSED("request refused"),
    INTERNAL_ERROR("the request could not be completed; it has been logged"),

    // Who may call.
    UNAUTHENTICATED("a valid bearer token is required"),
    INVALID_CREDENTIALS("invalid email or password"),
    FORBIDDEN("your role does not allow this request"),
    CORS_REJECTED("this origin, method or header is not allowed to call the API from a browser"),
    INVALID_CLIENT("unknown client, wrong secret, or the service account is disabled"),
    UNSUPPORTED_GRANT_TYPE("grant_type must be client_credentials, or absent for an email and password"),
    SERVICE_ACCOUNT_NOT_FOUND("no service account with this client id"),
    TOKENS_ISSUED_ELSEWHERE("this deployment validates tokens of an external identity provider"),

    // Audit, read models and operations.
    INVALID_AGGREGATE_ID("aggregateId must not be blank"),
    INVALID_CURSOR("after must be the next value of a previous page"),
    INVALID_TIME_RANGE("to must be after from"),
    INVALID_METADATA_FILTER("metadataKey and metadataValue are given together, and metadataKey is not blank"),
    PROJECTION_NOT_FOUND("no event processor with this name"),
    DOWNLOAD_NOT_FOUND("no such download: unknown, already used or expired"),
    PROJECTION_NOT_REPLAYABLE("the processor cannot be reset"),
    PROJECTION_CLAIMED_ELSEWHERE("another instance holds a segment of the processor; stop it there first"),
    PROCESSOR_NOT_FOUND("no processor with a dead-letter queue of this name"),
    CONSISTENCY_CHECK_RUNNING("a consistency check is already running; retry when it has finished");

    private final String detail;

    Refusal(String detail) {
        this.detail = detail;
    }

    /** The stable machine-readable code: the constant's name. */
    public String code() {
        return name();
    }

    /** The human-readable explanation given when the throw site has nothing more precise. */
    public String detail() {
        return detail;
    }

    /**
     * Whether this says a store did not answer rather than anything about the request: such a
     * refusal is no decision about a coupon, so the audit trail does not record it.
     */
    public boolean outage() {
        return switch (this) {
            case REDIS_UNAVAILABLE, POOL_REBUILDING, POOL_STALE, READ_MODEL_BEHIND -> true;
            default -> false;
        };
    }
}
