package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Adds one batch of an upload's codes, already claimed as globally unique, to a book; a repeated batch is ignored. */
public record UploadCodes(String bookId, String uploadId, int batchNo, List<String> codes) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }
}
