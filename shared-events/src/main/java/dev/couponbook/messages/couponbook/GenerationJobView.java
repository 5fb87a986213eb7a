package dev.couponbook.messages.couponbook;

import java.time.Instant;

/**
 * A generation job as admins follow it: {@code startedAt} is when its first chunk was recorded,
 * {@code finishedAt} when it completed or failed; {@code failureReason} is set only on failure.
 */
public record GenerationJobView(
        String jobId,
        String bookId,
        GenerationJobStatus status,
        long requested,
        long generated,
        String pattern,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        String failureReason) {
}
