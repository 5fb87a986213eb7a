package dev.couponbook.messages.audit;

/** What happened to this aggregate ({@code book:…}, {@code coupon:…}, {@code wallet:…}), in order, after sequence number {@code after} (null: from the start)? Answered with an {@link AuditEventPage}. */
public record FindAggregateHistory(String aggregateId, Long after, int limit) {
}
