package dev.couponbook.messages.budget;

import org.axonframework.serialization.Revision;

/** A slice gave {@code units} back to the book's budget after the total was lowered. */
@Revision("1")
public record BudgetUnitsReturned(String bookId, int slice, String drainId, int units) {
}
