package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives {@code units} a slice drained (its total was lowered) back to the book's budget. */
public record ReturnBudgetUnits(String bookId, int slice, String drainId, int units) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budget(bookId);
    }
}
