package dev.couponbook.messages.budget;

import org.axonframework.serialization.Revision;

/** Slice {@code slice} received a block of {@code units} redemptions granted under total {@code maxRedemptionsTotal}. */
@Revision("1")
public record BudgetBlockReceived(String bookId, int slice, String blockId, int units, int maxRedemptionsTotal) {
}
