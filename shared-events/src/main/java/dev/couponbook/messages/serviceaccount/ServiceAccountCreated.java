package dev.couponbook.messages.serviceaccount;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A machine client was created, enabled, with the secret {@code secretId} (an id, never the secret or its hash). */
@Revision("1")
public record ServiceAccountCreated(String clientId, String name, String secretId, Instant createdAt) {
}
