package dev.couponbook.messages.transaction;

import java.time.Instant;

/**
 * Which transactions match these filters (each null means any; {@code from} inclusive, {@code to}
 * exclusive; {@code metadataKey} and {@code metadataValue} together match entries whose own
 * metadata holds that pair), newest first? Answered with a {@link TransactionPage}.
 */
public record FindTransactions(
        String userId,
        String bookId,
        String code,
        TransactionAction action,
        TransactionStatus status,
        Instant from,
        Instant to,
        int page,
        int size,
        String metadataKey,
        String metadataValue) {
}
