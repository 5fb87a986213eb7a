package dev.couponbook.messages.wallet;

import org.axonframework.serialization.Revision;

/** A redemption of {@code code} was made and counts towards the user's limit in the book. */
@Revision("1")
public record RedemptionSlotConfirmed(String bookId, String userId, String redemptionId, String code) {
}
