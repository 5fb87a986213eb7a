package dev.couponbook.messages.couponbook;

import org.axonframework.serialization.Revision;

/** A generation job recorded all its codes. */
@Revision("1")
public record CodeGenerationCompleted(String bookId, String jobId, long generated) {
}
