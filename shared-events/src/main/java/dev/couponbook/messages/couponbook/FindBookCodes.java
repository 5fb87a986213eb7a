package dev.couponbook.messages.couponbook;

/** Which codes does this book hold, in code order, one page at a time? Answered with a {@link BookCodePage}. */
public record FindBookCodes(String bookId, int page, int size) {
}
