package dev.couponbook.messages.budget;

import org.axonframework.serialization.Revision;

/** Slice {@code slice} handed one redemption of the book's budget to {@code redemptionId}. */
@Revision("1")
public record BudgetUnitDrawn(String bookId, int slice, String redemptionId) {
}
