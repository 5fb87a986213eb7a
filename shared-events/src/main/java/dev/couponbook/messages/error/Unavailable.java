package dev.couponbook.messages.error;

/** A store the request depends on (Redis, MongoDB) did not answer in time; the request changed nothing and may be retried. */
public class Unavailable extends DomainException {

    public Unavailable(String code, String message) {
        super(Kind.UNAVAILABLE, code, message);
    }
}
