package dev.couponbook.messages.couponbook;

import java.util.List;

/**
 * Counts of a book, all derived from events: {@code assigned} codes ever given out,
 * {@code available} = {@code totalCodes - assigned}, {@code locked} locks not yet ended by an
 * unlock, expiry or redemption event, {@code redeemed} coupons with at least one redemption in effect,
 * {@code redemptions} in effect (net of {@code reversals}, the redemptions given back); {@code redemptionRate} = redeemed / assigned. {@code daily} has one
 * entry per UTC day with activity, oldest first. {@code budgetLeft} = {@code maxRedemptionsTotal - redemptions}
 * (never below 0), null when the book has no budget.
 */
public record BookStats(
        String bookId,
        long totalCodes,
        long available,
        long assigned,
        long locked,
        long redeemed,
        long redemptions,
        long reversals,
        long lockExpiries,
        long rejections,
        double redemptionRate,
        List<DailyActivity> daily,
        boolean rebuilding,
        Long budgetLeft) {
}
