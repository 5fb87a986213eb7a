package dev.couponbook.messages.coupon;

/**
 * Where a held coupon stands for its holder: {@code ASSIGNED} (usable, never redeemed),
 * {@code LOCKED} (reserved for a checkout until {@code lockedUntil}), {@code REDEEMED} (redeemed
 * and still redeemable, in books that allow several redemptions) or {@code EXHAUSTED} (no
 * redemption left).
 */
public enum CouponStatus { ASSIGNED, LOCKED, REDEEMED, EXHAUSTED }
