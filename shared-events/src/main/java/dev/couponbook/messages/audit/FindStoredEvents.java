package dev.couponbook.messages.audit;

/** Which events were stored after the cursor {@code after} (null: from the first), in storage order? Answered with an {@link AuditEventPage}. */
public record FindStoredEvents(String after, int limit) {
}
