package dev.couponbook.messages.couponbook;

/** How is this book being used? Answered with {@link BookStats}, or null when the book is unknown. */
public record FindBookStats(String bookId) {
}
