package dev.couponbook.messages.error;

/** A book, coupon, job or other resource that does not exist (or is not visible to the caller). */
public class NotFound extends DomainException {

    public NotFound(String code, String message) {
        super(Kind.NOT_FOUND, code, message);
    }
}
