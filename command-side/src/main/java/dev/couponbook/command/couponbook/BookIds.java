package dev.couponbook.command.couponbook;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.util.UUID;

/** Book ids are UUIDs chosen by the service; anything else in a path cannot name a book. */
public final class BookIds {

    private BookIds() {
    }

    /** Returns {@code bookId} when it can be a book's id, else throws {@link NotFound}. */
    public static String valid(String bookId) {
        return canBe(bookId) ? bookId : notFound(bookId);
    }

    /** Whether {@code bookId} has the form of a book's id (a UUID in its canonical form). */
    public static boolean canBe(String bookId) {
        try {
            return bookId != null && UUID.fromString(bookId).toString().equals(bookId);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String notFound(String bookId) {
        throw new DomainException(Refusal.BOOK_NOT_FOUND);
    }
}
