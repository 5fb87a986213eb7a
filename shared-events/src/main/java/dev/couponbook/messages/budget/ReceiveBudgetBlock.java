package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Credits a block the budget granted to slice {@code slice} and draws one of its units for {@code redemptionId};
 * {@code grantedUnder} is the total the budget granted it under, which a lower total later drains. */
public record ReceiveBudgetBlock(String bookId, int slice, String blockId, int units, int grantedUnder, String redemptionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budgetSlice(bookId, slice);
    }
}
