package dev.couponbook.messages.serviceaccount;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The account may no longer get tokens, and the tokens it holds stop working. */
@Revision("1")
public record ServiceAccountDisabled(String clientId, Instant disabledAt) {
}
