package dev.couponbook.command.budget;

import dev.couponbook.command.couponbook.Books;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.budget.AllocateBudgetBlock;
import dev.couponbook.messages.budget.BudgetBlockGranted;
import dev.couponbook.messages.budget.BudgetUnitsReturned;
import dev.couponbook.messages.budget.CheckBudget;
import dev.couponbook.messages.budget.ReturnBudgetUnits;
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
 * A book's {@code maxRedemptionsTotal}, handed out in blocks to the book's {@link BudgetSlice}s so
 * that redemptions draw from several aggregates and only a slice that ran dry comes here. It
 * counts what is out: every unit granted and not given back, whether a slice still holds it or a
 * redemption used it, so the units in use never exceed the total it was granted under. A block
 * is at most a slice's share of what is left, so little is stranded in idle slices near the end.
 */
@Aggregate(cache = "budgetCache")
public class RedemptionBudget {

    @AggregateIdentifier
    private String id;
    private long outstanding;
    private final Set<String> returns = new HashSet<>();

    protected RedemptionBudget() {
    }

    /** Grants up to a slice's share of what the book's current total leaves; grants 0, changing nothing, when nothing is left. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public BudgetGrant handle(AllocateBudgetBlock command, Books books) {
        int total = books.current(command.bookId()).redemptionsTotal();
        long left = total - outstanding;
        if (left <= 0) {
            return new BudgetGrant(0, total);
        }
        int units = (int) Math.min(command.blockSize(), Math.max(1, left / command.slices()));
        apply(new BudgetBlockGranted(command.bookId(), command.slice(), command.blockId(), units, total));
        return new BudgetGrant(units, total);
    }

    /** Takes back units a slice drained; a repeat changes nothing. */
    @CommandHandler
    public void handle(ReturnBudgetUnits command) {
        if (command.units() > 0 && !returns.contains(command.drainId())) {
            apply(new BudgetUnitsReturned(command.bookId(), command.slice(), command.drainId(), command.units()));
        }
    }

    /** Units handed out and not given back: used by redemptions or still held by slices. */
    @CommandHandler
    public long handle(CheckBudget command) {
        return outstanding;
    }

    @EventSourcingHandler
    void on(BudgetBlockGranted event) {
        id = AggregateIds.budget(event.bookId());
        outstanding += event.units();
    }

    @EventSourcingHandler
    void on(BudgetUnitsReturned event) {
        outstanding -= event.units();
        returns.add(event.drainId());
    }
}
