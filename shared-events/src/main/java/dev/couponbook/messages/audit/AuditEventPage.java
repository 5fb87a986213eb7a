package dev.couponbook.messages.audit;

import java.util.List;

/** A page of stored events; pass {@code next} as {@code after} for the following page (null: nothing more yet). */
public record AuditEventPage(List<AuditEvent> events, String next) {
}
