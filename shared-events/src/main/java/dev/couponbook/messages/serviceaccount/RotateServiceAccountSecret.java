package dev.couponbook.messages.serviceaccount;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to make {@code secretId} the account's only valid secret. */
public record RotateServiceAccountSecret(String clientId, String secretId, Instant rotatedAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.serviceAccount(clientId);
    }
}
