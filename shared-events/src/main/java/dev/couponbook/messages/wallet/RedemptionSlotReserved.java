package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** One of the user's redemptions in a book was held for a redemption in progress until {@code expiresAt}. */
@Revision("1")
public record RedemptionSlotReserved(String bookId, String userId, String redemptionId, Instant expiresAt) {
}
