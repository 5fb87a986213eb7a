package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.util.List;

/** One chunk of a generation job joined the book. */
@Revision("1")
public record CodeChunkGenerated(String bookId, String jobId, int chunkNo, List<String> codes) {
}
