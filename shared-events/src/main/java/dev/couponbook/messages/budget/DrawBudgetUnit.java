package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks slice {@code slice} of the book's budget for one redemption for {@code redemptionId}. */
public record DrawBudgetUnit(String bookId, int slice, String redemptionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budgetSlice(bookId, slice);
    }
}
