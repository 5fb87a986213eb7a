package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks how many units slice {@code slice} holds now; changes nothing. */
public record CheckBudgetSlice(String bookId, int slice) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budgetSlice(bookId, slice);
    }
}
