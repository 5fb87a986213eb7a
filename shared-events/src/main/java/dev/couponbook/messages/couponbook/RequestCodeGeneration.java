package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks to generate {@code count} codes matching {@code pattern} in chunks of {@code chunkSize}. */
public record RequestCodeGeneration(String bookId, String jobId, long count, String pattern, int chunkSize) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }
}
