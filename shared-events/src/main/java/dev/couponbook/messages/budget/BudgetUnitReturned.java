package dev.couponbook.messages.budget;

import org.axonframework.serialization.Revision;

/** Redemption {@code redemptionId} gave its unit back to slice {@code slice}: refused by the coupon, or reversed. */
@Revision("1")
public record BudgetUnitReturned(String bookId, int slice, String redemptionId) {
}
