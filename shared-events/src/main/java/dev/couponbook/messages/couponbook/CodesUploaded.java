package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A batch of uploaded codes joined a book. */
@Revision("1")
public record CodesUploaded(String bookId, String uploadId, int batchNo, List<String> codes) {
}
