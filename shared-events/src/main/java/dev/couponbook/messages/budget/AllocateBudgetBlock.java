package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks the book's budget for a block of at most {@code blockSize} redemptions for slice {@code slice} of {@code slices}, under the book's current {@code maxRedemptionsTotal}; answers the units granted, 0 when none are left. */
public record AllocateBudgetBlock(String bookId, int slice, String blockId, int maxRedemptionsTotal, int blockSize, int slices) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budget(bookId);
    }
}
