package dev.couponbook.messages.error;

/** A request that the current state refuses: coupon locked, already redeemed, no codes left. */
public class Conflict extends DomainException {

    public Conflict(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
