package dev.couponbook.command.coupon;

import dev.couponbook.command.CommandRetry;
import dev.couponbook.command.budget.RedemptionBudgets;
import dev.couponbook.command.budget.RedemptionLimitProperties;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ConfirmRedemptionSlot;
import dev.couponbook.messages.wallet.CountRedemptions;
import dev.couponbook.messages.wallet.ReleaseRedemptionSlot;
import dev.couponbook.messages.wallet.ReserveRedemptionSlot;
import dev.couponbook.messages.wallet.ReturnRedemptionSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits a redemption takes its share of before the coupon decides: a slot of the holder's
 * {@code maxRedemptionsPerUser} in their wallet and a unit of the book's {@code maxRedemptionsTotal}.
 * Both are taken on event-sourced aggregates, so concurrent redemptions cannot pass them; what the
 * coupon then refuses is given back, what it stores is kept, and a reversal returns both.
 */
@Component
public class RedemptionLimits {

    private static final Logger log = LoggerFactory.getLogger(RedemptionLimits.class);

    private final CommandRetry commands;
    private final RedemptionBudgets budgets;
    private final Clock clock;
    private final Duration holdTtl;

    public RedemptionLimits(CommandRetry commands, RedemptionBudgets budgets, Clock clock,
                            RedemptionLimitProperties settings) {
        this.commands = commands;
        this.budgets = budgets;
        this.clock = clock;
        this.holdTtl = settings.holdTtl();
    }

    /** What a redemption took; settled once the coupon has answered. */
    public record Taken(String bookId, String holder, String code, String redemptionId, boolean slot, boolean unit) {
    }

    /** Takes the redemption's share of the book's limits, refusing the first one used up; takes nothing under none. */
    public Taken take(String bookId, CouponBookTerms terms, String holder, String code, String redemptionId) {
        boolean slot = terms.maxRedemptionsPerUser() != null;
        if (slot) {
            commands.send(new ReserveRedemptionSlot(bookId, holder, redemptionId, clock.instant().plus(holdTtl)));
        }
        Taken taken = new Taken(bookId, holder, code, redemptionId, slot, terms.maxRedemptionsTotal() != null);
        if (taken.unit()) {
            try {
                budgets.draw(bookId, code, redemptionId, terms.maxRedemptionsTotal());
            } catch (RuntimeException e) {
                // Only a draw refused for an empty budget certainly took no unit; giving one back is idempotent.
                boolean mayHoldUnit = Causes.refusal(e).map(refusal -> refusal.refusal() != Refusal.BUDGET_EXHAUSTED).orElse(true);
                refused(new Taken(bookId, holder, code, redemptionId, slot, mayHoldUnit), e);
                throw e;
            }
        }
        return taken;
    }

    /**
     * The coupon stored the redemption: it counts towards the holder's limit. The redemption is
     * made whatever happens here, so a failure is only logged: the wallet-redemptions processor counts it.
     */
    public void made(Taken taken) {
        if (!taken.slot()) {
            return;
        }
        try {
            commands.send(new ConfirmRedemptionSlot(taken.bookId(), taken.holder(), taken.redemptionId(), taken.code()));
        } catch (RuntimeException e) {
            log.warn("Redemption {} of {} is counted in the wallet by the wallet-redemptions processor: {}",
                    taken.redemptionId(), taken.code(), e.getMessage());
        }
    }

    /**
     * The coupon refused the redemption: what it took is given back. A failure is only logged, so
     * the caller still gets the coupon's refusal: the hold then ends by itself, the unit stays used.
     */
    public void refused(Taken taken, RuntimeException refusal) {
        try {
            if (taken.slot()) {
                String reason = Causes.refusal(refusal).map(DomainException::code).orElse("FAILED");
                commands.send(new ReleaseRedemptionSlot(taken.bookId(), taken.holder(), taken.redemptionId(), reason));
            }
            if (taken.unit()) {
                budgets.giveBack(taken.bookId(), taken.code(), taken.redemptionId());
            }
        } catch (RuntimeException e) {
            log.warn("What refused redemption {} of {} took is not all given back: {}", taken.redemptionId(),
                    taken.code(), e.getMessage());
        }
    }

    /**
     * A reversed redemption stops counting; repeats change nothing, so a repeated reversal finishes one
     * cut short. A book without a per-user limit never had one (a limit cannot be removed), so its
     * wallets counted nothing to return.
     */
    public void reversed(String bookId, CouponBookTerms terms, String holder, String code, String redemptionId) {
        if (terms.maxRedemptionsPerUser() != null) {
            commands.sendIfExists(new ReturnRedemptionSlot(bookId, holder, redemptionId), null);
        }
        if (terms.maxRedemptionsTotal() != null) {
            budgets.giveBack(bookId, code, redemptionId);
        }
    }

    /** Where a holder stands against the limits now: every reason a redemption would be refused for them, in the order it checks, and how many redemptions they leave (null when none is set). */
    public record Standing(List<DomainException> refusals, Integer left) {
    }

    /** The standing a redemption by {@code holder} would meet now, read from the same aggregates; changes nothing. */
    public Standing standing(String bookId, CouponBookTerms terms, String holder) {
        List<DomainException> refusals = new ArrayList<>();
        Long left = null;
        Integer perUser = terms.maxRedemptionsPerUser();
        if (perUser != null) {
            int counted = commands.sendIfExists(new CountRedemptions(bookId, holder), 0);
            left = (long) Math.max(0, perUser - counted);
            if (left == 0) {
                refusals.add(new DomainException(Refusal.USER_REDEMPTION_LIMIT_REACHED,
                        "you have made the " + perUser + " redemptions this book allows per user"));
            }
        }
        Integer total = terms.maxRedemptionsTotal();
        if (total != null) {
            long budgetLeft = budgets.left(bookId, total);
            left = left == null ? budgetLeft : Math.min(left, budgetLeft);
            if (budgetLeft == 0) {
                refusals.add(new DomainException(Refusal.BUDGET_EXHAUSTED, "the book's " + total + " redemptions are used up"));
            }
        }
        return new Standing(refusals, left == null ? null : (int) (long) left);
    }
}
