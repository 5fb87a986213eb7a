package dev.couponbook.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.messages.error.Refusal;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;

/**
 * Builds RFC 9457 problem documents with the stable {@code code} member clients switch on, and
 * holds the one mapping from a {@link Refusal} to its HTTP status.
 */
public final class Problems {

    public static final String CODE = "code";

    private Problems() {
    }

    /**
     * The status a refusal is answered with. No {@code default}: a refusal added to the catalogue
     * does not compile until it has a status here.
     */
    public static HttpStatus status(Refusal refusal) {
        return switch (refusal) {
            case NAME_REQUIRED, NAME_TOO_LONG, DESCRIPTION_TOO_LONG, INVALID_WINDOW, INVALID_LIMIT, INVALID_PATTERN,
                 PATTERN_TOO_SMALL, INVALID_COUNT, COUNT_TOO_LARGE, INVALID_CHUNK_SIZE, INVALID_CHUNK, INVALID_BATCH,
                 INVALID_TTL, INVALID_METADATA, INVALID_USER_ID, USER_ID_REQUIRED, UNSUPPORTED_GRANT_TYPE,
                 VALIDATION_FAILED, MALFORMED_JSON, INVALID_IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_REUSED, BAD_REQUEST,
                 REQUEST_REFUSED,
                 METADATA_TOO_LARGE, INVALID_METADATA_FILTER,
                 INVALID_AGGREGATE_ID, INVALID_CURSOR, INVALID_TIME_RANGE, INVALID_CODE_VALIDITY,
                 INVALID_EXPIRY -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED, INVALID_CREDENTIALS, INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN, FORBIDDEN_USER, CORS_REJECTED -> HttpStatus.FORBIDDEN;
            case BOOK_NOT_FOUND, GENERATION_JOB_NOT_FOUND, COUPON_NOT_FOUND, REDEMPTION_NOT_FOUND, NOT_FOUND, TOKENS_ISSUED_ELSEWHERE,
                 SERVICE_ACCOUNT_NOT_FOUND, PROJECTION_NOT_FOUND, PROCESSOR_NOT_FOUND, DOWNLOAD_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case BOOK_INACTIVE, BOOK_NOT_STARTED, GENERATION_INCOMPLETE, COUPON_ALREADY_ASSIGNED, NO_CODES_AVAILABLE,
                 COUPON_LOCKED, LOCK_EXPIRED, LOCK_NOT_HELD, ALREADY_REDEEMED, IDEMPOTENCY_KEY_IN_USE,
                 CONCURRENT_MODIFICATION, PROJECTION_NOT_REPLAYABLE, PROJECTION_CLAIMED_ELSEWHERE,
                 CONSISTENCY_CHECK_RUNNING, COUPON_DISABLED -> HttpStatus.CONFLICT;
            case BOOK_EXPIRED, COUPON_EXPIRED -> HttpStatus.GONE;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            // Well-formed requests that the state refuses (422 is also how Stripe answers a reused idempotency key).
            case CODE_LIMIT_REACHED, REDEMPTION_LIMIT_REACHED, USER_REDEMPTION_LIMIT_REACHED, BUDGET_EXHAUSTED,
                 IDEMPOTENCY_KEY_MISMATCH -> HttpStatus.UNPROCESSABLE_ENTITY;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case REDIS_UNAVAILABLE, POOL_REBUILDING, POOL_STALE,
                 READ_MODEL_BEHIND -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** Answers with {@code problem} from a filter or handler that runs outside Spring MVC. */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    public static ProblemDetail of(Refusal refusal) {
        return of(refusal, refusal.detail());
    }

    public static ProblemDetail of(Refusal refusal, String detail) {
        return of(status(refusal), refusal, detail);
    }

    /** A refusal answered with a status that the servlet container or Spring MVC already chose. */
    public static ProblemDetail of(HttpStatus status, Refusal refusal, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(refusal));
        problem.setProperty(CODE, refusal.code());
        return problem;
    }

    /** The problem {@code type} URI of a refusal. */
    public static URI type(Refusal refusal) {
        return URI.create("urn:coupon-book:problem:" + refusal.code().toLowerCase(Locale.ROOT));
    }
}
