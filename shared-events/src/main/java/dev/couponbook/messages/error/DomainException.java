package dev.couponbook.messages.error;

/**
 * A refusal of the domain: which one, from the {@link Refusal} catalogue, and a human-readable
 * detail. The web edge maps the refusal to an HTTP status; nothing here knows about transport.
 */
public class DomainException extends RuntimeException {

    private final Refusal refusal;

    public DomainException(Refusal refusal) {
        this(refusal, refusal.detail());
    }

    public DomainException(Refusal refusal, String detail) {
        super(detail, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The stable machine-readable code of the refusal. */
    public String code() {
        return refusal.code();
    }
}
