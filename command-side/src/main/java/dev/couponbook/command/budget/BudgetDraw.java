package dev.couponbook.command.budget;

/**
 * A slice's answer to a draw: {@code drawn} whether the redemption holds a unit now; when not,
 * {@code drainId} and {@code drained} name units the slice dropped for the budget to take back.
 */
public record BudgetDraw(boolean drawn, String drainId, int drained) {

    static final BudgetDraw DRAWN = new BudgetDraw(true, null, 0);
    static final BudgetDraw EMPTY = new BudgetDraw(false, null, 0);

    static BudgetDraw drained(String drainId, int units) {
        return new BudgetDraw(false, drainId, units);
    }
}
