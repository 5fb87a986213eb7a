package dev.couponbook.messages.serviceaccount;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to let a disabled account get tokens again. */
public record EnableServiceAccount(String clientId, Instant enabledAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.serviceAccount(clientId);
    }
}
