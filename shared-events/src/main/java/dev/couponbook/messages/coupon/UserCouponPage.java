package dev.couponbook.messages.coupon;

import java.util.List;

/** One page of a user's coupons; {@code rebuilding} says the read model is being replayed and may be incomplete. */
public record UserCouponPage(String userId, List<UserCouponView> items, int page, int size, boolean hasNext, boolean rebuilding) {
}
