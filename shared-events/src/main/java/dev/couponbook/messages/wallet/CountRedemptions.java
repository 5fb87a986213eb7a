package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks how many redemptions the user's wallet counts now (made and held), as a reservation would count them; changes nothing. */
public record CountRedemptions(String bookId, String userId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
