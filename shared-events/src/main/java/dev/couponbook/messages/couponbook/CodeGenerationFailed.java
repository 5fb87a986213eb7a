package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A generation job was given up; the chunks recorded so far stay in the book. */
@Revision("1")
public record CodeGenerationFailed(String bookId, String jobId, String reason, long generated) {
}
