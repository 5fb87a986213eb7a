package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.util.List;
import java.util.Map;

/**
 * A batch of uploaded codes joined a book. {@code details} holds the expiry and metadata of the
 * codes that came with any, keyed by code; codes sent as plain strings are not in it.
 */
@Revision("2")
public record CodesUploaded(String bookId, String uploadId, int batchNo, List<String> codes, Map<String, CodeDetails> details) {

    public CodesUploaded {
        details = details == null ? Map.of() : details;
    }

    /** A batch of plain codes. */
    public CodesUploaded(String bookId, String uploadId, int batchNo, List<String> codes) {
        this(bookId, uploadId, batchNo, codes, Map.of());
    }
}
