package dev.couponbook.messages.coupon;

/** The actions a client can attempt on coupons, as recorded in the transaction log. */
public enum CouponAction { ASSIGN, LOCK, UNLOCK, REDEEM, REVERSE }
