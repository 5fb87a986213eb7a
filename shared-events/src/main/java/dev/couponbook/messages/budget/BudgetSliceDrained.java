package dev.couponbook.messages.budget;

import org.axonframework.serialization.Revision;

/** Slice {@code slice} dropped its {@code units}, granted under a higher total than the book's current {@code maxRedemptionsTotal}, to give them back to the budget. */
@Revision("1")
public record BudgetSliceDrained(String bookId, int slice, String drainId, int units, int maxRedemptionsTotal) {
}
