package dev.couponbook.messages.couponbook;

import java.util.List;

/** One page of a book's codes with the book's total number of codes. */
public record BookCodePage(List<BookCodeView> items, int page, int size, long total) {
}
