package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives back the unit slice {@code slice} handed to {@code redemptionId}, if it did and has not had it back; answers whether it did. */
public record ReturnBudgetUnit(String bookId, int slice, String redemptionId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budgetSlice(bookId, slice);
    }
}
