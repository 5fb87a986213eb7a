package dev.couponbook.messages.serviceaccount;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account's secret was replaced by {@code secretId}; the former one and its tokens stop working. */
@Revision("1")
public record ServiceAccountSecretRotated(String clientId, String secretId, Instant rotatedAt) {
}
