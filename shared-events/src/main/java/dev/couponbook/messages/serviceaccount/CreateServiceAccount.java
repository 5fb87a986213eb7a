package dev.couponbook.messages.serviceaccount;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to create a machine client; {@code secretId} names its first secret, whose hash is kept outside the history. */
public record CreateServiceAccount(String clientId, String name, String secretId, Instant createdAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.serviceAccount(clientId);
    }
}
