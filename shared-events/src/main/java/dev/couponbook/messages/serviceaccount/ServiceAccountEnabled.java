package dev.couponbook.messages.serviceaccount;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A disabled account may get tokens again with its current secret. */
@Revision("1")
public record ServiceAccountEnabled(String clientId, Instant enabledAt) {
}
