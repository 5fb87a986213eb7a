package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A generation job was accepted and split into {@code chunkCount} chunks; {@code expiresAt}, when set, is the expiry of every code of the job. */
@Revision("2")
public record CodeGenerationRequested(String bookId, String jobId, long count, String pattern, int chunkSize, int chunkCount,
                                      Instant expiresAt) {

    /** A job whose codes do not expire on their own. */
    public CodeGenerationRequested(String bookId, String jobId, long count, String pattern, int chunkSize, int chunkCount) {
        this(bookId, jobId, count, pattern, chunkSize, chunkCount, null);
    }
}
