package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks the book's budget for a block of at most {@code blockSize} redemptions for slice {@code slice} of {@code slices}, under the book's current {@code maxRedemptionsTotal}; answers the grant, of 0 units when none are left. */
public record AllocateBudgetBlock(String bookId, int slice, String blockId, int blockSize, int slices) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budget(bookId);
    }
}
