package dev.couponbook.messages.transaction;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the transaction log. {@code userId} is the coupon's holder (or the user an attempt
 * was for); {@code issuedBy} is the account that sent the request, {@code client} its user agent,
 * {@code correlationId} the id shared by everything one request caused. {@code reason} is set on
 * rejections only. {@code metadata} is the entry's own metadata (a redemption's), empty for the others.
 */
public record TransactionView(
        String transactionId,
        TransactionAction action,
        TransactionStatus status,
        String reason,
        String userId,
        String code,
        String bookId,
        String lockId,
        String redemptionId,
        Instant at,
        String issuedBy,
        String client,
        String correlationId,
        Map<String, String> metadata) {
}
