package dev.couponbook.command.budget;

/** The budget's answer to a slice asking for a block: {@code units} granted (0: none left) under the book's total {@code grantedUnder}. */
public record BudgetGrant(int units, int grantedUnder) {
}
