package dev.couponbook.messages.error;

/**
 * A refusal of the domain, carrying a stable machine-readable {@code code} and the kind of
 * failure; the web layer maps the kind to an HTTP status without knowing each exception.
 */
public class DomainException extends RuntimeException {

    /** What sort of refusal this is, independent of transport. */
    public enum Kind { INVALID, NOT_FOUND, FORBIDDEN, CONFLICT, LIMIT_REACHED, GONE, UNAVAILABLE }

    private final String code;
    private final Kind kind;

    public DomainException(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
