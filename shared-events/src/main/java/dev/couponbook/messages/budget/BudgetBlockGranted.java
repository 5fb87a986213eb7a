package dev.couponbook.messages.budget;

import org.axonframework.serialization.Revision;

/** The book's budget handed {@code units} redemptions to slice {@code slice} while its total was {@code maxRedemptionsTotal}. */
@Revision("1")
public record BudgetBlockGranted(String bookId, int slice, String blockId, int units, int maxRedemptionsTotal) {
}
