package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A generation job was accepted and split into {@code chunkCount} chunks. */
@Revision("1")
public record CodeGenerationRequested(String bookId, String jobId, long count, String pattern, int chunkSize, int chunkCount) {
}
