package dev.couponbook.command.pool;

/** The free codes of each book as an assignment takes them: the port the assignment process reaches the pool through. */
public interface FreeCodes {

    /** Removes and returns a random free code of the book, or null when none is left. */
    String take(String bookId);

    /** Gives back a code whose assignment failed for a reason that was not the code's. */
    void putBack(String bookId, String code);

    /** Whether an empty pool may mean "not refilled yet" rather than "no code left". */
    boolean rebuilding();
}
