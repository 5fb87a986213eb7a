package dev.couponbook.command.coupon;

import java.time.Instant;
import java.util.List;

/**
 * A coupon's answer to whether a redemption would be accepted: {@code held} whether the user
 * asked about holds it, every reason it would be refused (first the one the redemption would
 * answer), the redemptions left under the book's terms (null when unlimited or not held), and
 * when the coupon expires (null when it does not on its own, or is not held).
 */
public record RedemptionCheck(boolean held, List<CouponValidation.Reason> reasons, Integer redemptionsLeft, Instant expiresAt) {

    /** The answer about a coupon without an expiry of its own. */
    public RedemptionCheck(boolean held, List<CouponValidation.Reason> reasons, Integer redemptionsLeft) {
        this(held, reasons, redemptionsLeft, null);
    }
}
