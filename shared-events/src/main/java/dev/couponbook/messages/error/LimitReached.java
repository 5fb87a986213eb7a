package dev.couponbook.messages.error;

/** A per-user limit of the book (codes held, redemptions) that the request would exceed. */
public class LimitReached extends DomainException {

    public LimitReached(String code, String message) {
        super(Kind.LIMIT_REACHED, code, message);
    }
}
