package dev.couponbook.messages.error;

/** A caller acting on something that belongs to someone else. */
public class Forbidden extends DomainException {

    public Forbidden(String code, String message) {
        super(Kind.FORBIDDEN, code, message);
    }
}
