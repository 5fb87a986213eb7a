package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Asks to generate {@code count} codes matching {@code pattern} in chunks of {@code chunkSize}, each expiring at {@code expiresAt} when set. */
public record RequestCodeGeneration(String bookId, String jobId, long count, String pattern, int chunkSize, Instant expiresAt) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }

    /** A job whose codes do not expire on their own. */
    public RequestCodeGeneration(String bookId, String jobId, long count, String pattern, int chunkSize) {
        this(bookId, jobId, count, pattern, chunkSize, null);
    }
}
