package dev.couponbook.command.couponbook;

/**
 * A book as the decisions about its coupons, wallets and budget see it. It is injected into their
 * command handlers, the one way an aggregate consults another's state (as {@link CouponBook} asks
 * the code registry who owns a code), so commands carry what the caller asks, never a copy of
 * the book that could be stale or forged.
 */
public interface Books {

    /** The book's current terms and active flag; refuses with {@code BOOK_NOT_FOUND} when there is no such book. */
    BookState current(String bookId);
}
