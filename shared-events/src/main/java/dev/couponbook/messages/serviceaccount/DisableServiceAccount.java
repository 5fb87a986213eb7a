package dev.couponbook.messages.serviceaccount;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to stop the account from getting and using tokens. */
public record DisableServiceAccount(String clientId, Instant disabledAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.serviceAccount(clientId);
    }
}
