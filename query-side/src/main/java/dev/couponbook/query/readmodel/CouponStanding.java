package dev.couponbook.query.readmodel;

import dev.couponbook.messages.coupon.CouponStatus;
import dev.couponbook.messages.couponbook.CodeStatus;

/**
 * The facts about one code that its status follows from, as its coupon's events leave them: held
 * by a user, locked for a checkout, and how many redemptions are in effect (reversals subtract).
 * The one place the status rule is written; the read models and the consistency check's recount
 * all derive it here, so they cannot disagree on what a status means.
 */
public record CouponStanding(boolean assigned, boolean locked, int redemptionsInEffect) {

    /** A held coupon: the read models that keep only held coupons start from this. */
    public static CouponStanding held(boolean locked, int redemptionsInEffect) {
        return new CouponStanding(true, locked, redemptionsInEffect);
    }

    /** Where the code stands in its book: a lock outranks redemptions, since it blocks the next one. */
    public CodeStatus codeStatus() {
        if (!assigned) {
            return CodeStatus.AVAILABLE;
        }
        if (locked) {
            return CodeStatus.LOCKED;
        }
        return redemptionsInEffect > 0 ? CodeStatus.REDEEMED : CodeStatus.ASSIGNED;
    }

    /**
     * Where the coupon stands for its holder under the book's current terms: a redeemed coupon is
     * exhausted once its redemptions in effect reach {@code redemptionsAllowed}.
     */
    public CouponStatus couponStatus(int redemptionsAllowed) {
        return switch (codeStatus()) {
            case AVAILABLE -> throw new IllegalStateException("a code nobody holds has no coupon status");
            case LOCKED -> CouponStatus.LOCKED;
            case ASSIGNED -> CouponStatus.ASSIGNED;
            case REDEEMED -> redemptionsInEffect >= redemptionsAllowed ? CouponStatus.EXHAUSTED : CouponStatus.REDEEMED;
        };
    }
}
