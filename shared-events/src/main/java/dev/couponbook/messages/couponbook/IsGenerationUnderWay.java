package dev.couponbook.messages.couponbook;

/** Is a generation job of this book still pending or running? Answered with a {@link Boolean}. */
public record IsGenerationUnderWay(String bookId) {
}
