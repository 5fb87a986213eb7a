package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.util.HashMap;
import java.util.Map;

/** {@link Books} for fixture tests: each book is in the state a test gives it. */
public class GivenBooks implements Books {

    private final Map<String, BookState> books = new HashMap<>();

    /** Gives the book these terms and active flag from now on. */
    public GivenBooks with(String bookId, CouponBookTerms terms, boolean active) {
        books.put(bookId, new BookState(bookId, terms, active));
        return this;
    }

    @Override
    public BookState current(String bookId) {
        BookState book = books.get(bookId);
        if (book == null) {
            throw new DomainException(Refusal.BOOK_NOT_FOUND);
        }
        return book;
    }
}
