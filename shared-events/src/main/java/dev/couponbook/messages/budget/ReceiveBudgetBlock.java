package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits a block the budget granted to slice {@code slice} and draws one of its units for {@code redemptionId}. */
public record ReceiveBudgetBlock(String bookId, int slice, String blockId, int units, int maxRedemptionsTotal, String redemptionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budgetSlice(bookId, slice);
    }
}
