package dev.couponbook.messages.coupon;

import java.time.Instant;
import java.util.Map;

/**
 * One redemption of a coupon; {@code transactionId} names its entry in the transaction log.
 * {@code reversedAt} and {@code reversalReason} are null unless the redemption was reversed.
 */
public record RedemptionView(String transactionId, String redemptionId, int redemptionNumber, Instant redeemedAt,
                             Map<String, String> metadata, Instant reversedAt, String reversalReason) {
}
