package dev.couponbook.messages.couponbook;

/** How far is this generation job of this book? Answered with a {@link GenerationJobView}, or null when unknown. */
public record FindGenerationJob(String bookId, String jobId) {
}
