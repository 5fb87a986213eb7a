package dev.couponbook.messages.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One stored event exactly as recorded: its payload and metadata are the stored JSON (payload in
 * the shape of {@code revision}); metadata says who issued the request ({@code userId},
 * {@code roles}, {@code client}) and its {@code correlationId} and {@code causationId}.
 * {@code cursor} continues a page after this event.
 */
public record AuditEvent(
        String eventId,
        String aggregateId,
        String aggregateType,
        long sequence,
        String type,
        String revision,
        Instant timestamp,
        Object payload,
        Map<String, Object> metadata,
        String cursor) {
}
