package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** One chunk of a generation job joined the book; {@code expiresAt}, when set, is the job's expiry of each of its codes. */
@Revision("2")
public record CodeChunkGenerated(String bookId, String jobId, int chunkNo, List<String> codes, Instant expiresAt) {

    /** A chunk whose codes do not expire on their own. */
    public CodeChunkGenerated(String bookId, String jobId, int chunkNo, List<String> codes) {
        this(bookId, jobId, chunkNo, codes, null);
    }
}
