package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.AggregateIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Map;

/**
 * Adds one batch of an upload's codes, already claimed as globally unique, to a book; a repeated
 * batch is ignored. {@code details} holds the expiry and metadata of the codes that have any.
 */
public record UploadCodes(String bookId, String uploadId, int batchNo, List<String> codes, Map<String, CodeDetails> details) {

    public UploadCodes {
        details = details == null ? Map.of() : details;
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.book(bookId);
    }

    /** A batch of plain codes. */
    public UploadCodes(String bookId, String uploadId, int batchNo, List<String> codes) {
        this(bookId, uploadId, batchNo, codes, Map.of());
    }
}
