package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

/** A counted redemption was reversed and no longer counts towards the user's limit. */
@Revision("1")
public record RedemptionSlotReturned(String bookId, String userId, String redemptionId) {
}
