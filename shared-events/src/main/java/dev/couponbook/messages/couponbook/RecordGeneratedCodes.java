package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Records one generated chunk of a job, already claimed as globally unique; a repeated chunk is ignored. */
public record RecordGeneratedCodes(String bookId, String jobId, int chunkNo, List<String> codes) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }
}
