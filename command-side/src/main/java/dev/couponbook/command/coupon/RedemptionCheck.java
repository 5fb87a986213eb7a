package dev.couponbook.command.coupon;

import java.util.List;

/**
 * A coupon's answer to whether a redemption would be accepted: {@code held} whether the user
 * asked about holds it, every reason it would be refused (first the one the redemption would
 * answer), and the redemptions left under the book's terms (null when unlimited or not held).
 */
public record RedemptionCheck(boolean held, List<CouponValidation.Reason> reasons, Integer redemptionsLeft) {
}
