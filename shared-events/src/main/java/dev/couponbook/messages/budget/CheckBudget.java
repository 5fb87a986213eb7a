package dev.couponbook.messages.budget;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks how many redemptions the budget has handed out to slices and not had back; changes nothing. */
public record CheckBudget(String bookId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.budget(bookId);
    }
}
