package dev.couponbook.messages.wallet;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Asks to hold one of the user's redemptions under the book's {@code maxRedemptionsPerUser} for
 * redemption {@code redemptionId} until {@code expiresAt}, before the coupon is redeemed.
 */
public record ReserveRedemptionSlot(String bookId, String userId, String redemptionId, Instant expiresAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.wallet(bookId, userId);
    }
}
