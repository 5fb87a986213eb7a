package dev.couponbook.command.budget;

import dev.couponbook.command.couponbook.Books;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.budget.BudgetBlockReceived;
import dev.couponbook.messages.budget.BudgetSliceDrained;
import dev.couponbook.messages.budget.BudgetUnitDrawn;
import dev.couponbook.messages.budget.BudgetUnitReturned;
import dev.couponbook.messages.budget.CheckBudgetSlice;
import dev.couponbook.messages.budget.DrawBudgetUnit;
import dev.couponbook.messages.budget.ReceiveBudgetBlock;
import dev.couponbook.messages.budget.ReturnBudgetUnit;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One of a book's budget slices: units of the {@link RedemptionBudget} a redemption draws one of.
 * Redemptions of different codes go to different slices, so they are not serialised on one
 * aggregate. It remembers which redemption drew each unit so that a refused or reversed redemption
 * gives its unit back exactly once. Its units were granted under a total; when a draw carries a
 * lower one (the admin lowered the budget), the slice drops them for the budget to take back
 * first, so units granted under the old total cannot push use past the new one.
 */
@Aggregate(cache = "budgetCache")
public class BudgetSlice {

    @AggregateIdentifier
    private String id;
    private int units;
    private int grantedUnder;
    private int drains;
    private final Set<String> blocks = new HashSet<>();
    private final Set<String> drawn = new HashSet<>();

    protected BudgetSlice() {
    }

    /** Hands a unit to the redemption, or says the slice is empty, or drops units granted under a higher total. */
    @CommandHandler
    public BudgetDraw handle(DrawBudgetUnit command, Books books) {
        if (drawn.contains(command.redemptionId())) {
            return BudgetDraw.DRAWN;
        }
        int total = books.current(command.bookId()).redemptionsTotal();
        if (units > 0 && total < grantedUnder) {
            // Numbered per slice, so the budget's repeat check tells every drain of every slice apart.
            String drainId = id + ":drain:" + (drains + 1);
            int dropped = units;
            apply(new BudgetSliceDrained(command.bookId(), command.slice(), drainId, dropped, total));
            return BudgetDraw.drained(drainId, dropped);
        }
        if (units == 0) {
            return BudgetDraw.EMPTY;
        }
        apply(new BudgetUnitDrawn(command.bookId(), command.slice(), command.redemptionId()));
        return BudgetDraw.DRAWN;
    }

    /** Credits a granted block (once) and draws one of its units for the redemption. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public BudgetDraw handle(ReceiveBudgetBlock command) {
        if (!blocks.contains(command.blockId())) {
            apply(new BudgetBlockReceived(command.bookId(), command.slice(), command.blockId(), command.units(),
                    command.grantedUnder()));
        }
        if (!drawn.contains(command.redemptionId()) && units > 0) {
            apply(new BudgetUnitDrawn(command.bookId(), command.slice(), command.redemptionId()));
        }
        return drawn.contains(command.redemptionId()) ? BudgetDraw.DRAWN : BudgetDraw.EMPTY;
    }

    /** Takes back the unit of a redemption that drew here and has not given it back; answers whether it did. */
    @CommandHandler
    public boolean handle(ReturnBudgetUnit command) {
        if (!drawn.contains(command.redemptionId())) {
            return false;
        }
        apply(new BudgetUnitReturned(command.bookId(), command.slice(), command.redemptionId()));
        return true;
    }

    @CommandHandler
    public int handle(CheckBudgetSlice command) {
        return units;
    }

    @EventSourcingHandler
    void on(BudgetBlockReceived event) {
        id = AggregateIds.budgetSlice(event.bookId(), event.slice());
        units += event.units();
        grantedUnder = event.maxRedemptionsTotal();
        blocks.add(event.blockId());
    }

    @EventSourcingHandler
    void on(BudgetUnitDrawn event) {
        units--;
        drawn.add(event.redemptionId());
    }

    @EventSourcingHandler
    void on(BudgetUnitReturned event) {
        units++;
        drawn.remove(event.redemptionId());
    }

    @EventSourcingHandler
    void on(BudgetSliceDrained event) {
        units = 0;
        drains++;
    }
}
