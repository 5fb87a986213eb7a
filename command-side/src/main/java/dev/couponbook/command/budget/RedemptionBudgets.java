package dev.couponbook.command.budget;

import dev.couponbook.command.CommandRetry;
import dev.couponbook.messages.budget.AllocateBudgetBlock;
import dev.couponbook.messages.budget.CheckBudget;
import dev.couponbook.messages.budget.CheckBudgetSlice;
import dev.couponbook.messages.budget.DrawBudgetUnit;
import dev.couponbook.messages.budget.ReceiveBudgetBlock;
import dev.couponbook.messages.budget.ReturnBudgetUnit;
import dev.couponbook.messages.budget.ReturnBudgetUnits;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Draws a redemption's unit from a book's budget. A code's redemptions go to slice
 * {@code hash(code) mod slices}; an empty slice takes a block from the {@link RedemptionBudget}.
 * When the budget has nothing left, the other slices are tried in turn, so units stranded there
 * are still used and the total can be used up exactly; only then is the redemption refused.
 */
@Component
public class RedemptionBudgets {

    private final CommandRetry commands;
    private final int slices;
    private final int blockSize;

    public RedemptionBudgets(CommandRetry commands, RedemptionLimitProperties settings) {
        this.commands = commands;
        this.slices = settings.budgetSlices();
        this.blockSize = settings.budgetBlockSize();
    }

    /** Takes one unit for {@code redemptionId}; refuses with {@code BUDGET_EXHAUSTED} when the book's {@code total} is used up. */
    public void draw(String bookId, String code, String redemptionId, int total) {
        int home = sliceOf(code);
        if (draw(bookId, home, redemptionId, true)) {
            return;
        }
        for (int i = 1; i < slices; i++) {
            if (draw(bookId, (home + i) % slices, redemptionId, false)) {
                return;
            }
        }
        // Slices holding units granted under a higher total gave them back during the sweep.
        if (draw(bookId, home, redemptionId, true)) {
            return;
        }
        throw new DomainException(Refusal.BUDGET_EXHAUSTED, "the book's " + total + " redemptions are used up");
    }

    /** Gives the unit of {@code redemptionId} back to the slice it came from; one that has none changes nothing. */
    public void giveBack(String bookId, String code, String redemptionId) {
        int home = sliceOf(code);
        for (int i = 0; i < slices; i++) {
            int slice = (home + i) % slices;
            if (commands.sendIfExists(new ReturnBudgetUnit(bookId, slice, redemptionId), false)) {
                return;
            }
        }
    }

    /** How many redemptions the total still allows: it less the units out and not held by a slice. */
    public long left(String bookId, int total) {
        long used = commands.sendIfExists(new CheckBudget(bookId), 0L);
        for (int slice = 0; slice < slices; slice++) {
            used -= commands.sendIfExists(new CheckBudgetSlice(bookId, slice), 0);
        }
        return Math.max(0, total - used);
    }

    private boolean draw(String bookId, int slice, String redemptionId, boolean refill) {
        BudgetDraw draw = commands.sendIfExists(new DrawBudgetUnit(bookId, slice, redemptionId), null);
        if (draw != null && draw.drawn()) {
            return true;
        }
        if (draw != null && draw.drainId() != null) {
            commands.send(new ReturnBudgetUnits(bookId, slice, draw.drainId(), draw.drained()));
        }
        if (!refill) {
            return false;
        }
        String blockId = UUID.randomUUID().toString();
        BudgetGrant grant = commands.send(new AllocateBudgetBlock(bookId, slice, blockId, blockSize, slices));
        if (grant.units() == 0) {
            return false;
        }
        BudgetDraw received = commands.send(new ReceiveBudgetBlock(bookId, slice, blockId, grant.units(),
                grant.grantedUnder(), redemptionId));
        return received.drawn();
    }

    private int sliceOf(String code) {
        return Math.floorMod(code.hashCode(), slices);
    }
}
