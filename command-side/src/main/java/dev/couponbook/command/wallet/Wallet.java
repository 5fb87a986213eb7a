package dev.couponbook.command.wallet;

import dev.couponbook.command.assignment.CouponAssignments;
import dev.couponbook.command.couponbook.Books;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ConfirmRedemptionSlot;
import dev.couponbook.messages.wallet.CountRedemptions;
import dev.couponbook.messages.wallet.CouponSlotConfirmed;
import dev.couponbook.messages.wallet.CouponSlotReleased;
import dev.couponbook.messages.wallet.CouponSlotReserved;
import dev.couponbook.messages.wallet.RedemptionSlotConfirmed;
import dev.couponbook.messages.wallet.RedemptionSlotReleased;
import dev.couponbook.messages.wallet.RedemptionSlotReserved;
import dev.couponbook.messages.wallet.RedemptionSlotReturned;
import dev.couponbook.messages.wallet.ReleaseCouponSlot;
import dev.couponbook.messages.wallet.ReleaseRedemptionSlot;
import dev.couponbook.messages.wallet.ReserveRedemptionSlot;
import dev.couponbook.messages.wallet.ReturnRedemptionSlot;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's place in one book: the codes they hold. The assignment process
 * ({@link dev.couponbook.command.assignment.CouponAssignment}) checks the per-user limit here and
 * records the code as held in the unit of work that creates the coupon, one assignment at a time
 * per user however many requests the user sends at once. Wallets written before one-step
 * assignment may hold reservations of assignments then in progress; they count until they expire.
 * <p>
 * The wallet also counts the user's redemptions in the book for {@code maxRedemptionsPerUser}, the
 * same way: a redemption first holds a redemption slot here, the coupon then decides, and the slot
 * is confirmed (counted) or released; a reversal returns it. So one user redeeming several of
 * their coupons at once can never pass the limit.
 */
@Aggregate(cache = "walletCache")
public class Wallet {

    /** Why a redemption hold was given back because nobody finished it in time. */
    public static final String EXPIRED = "EXPIRED";

    @AggregateIdentifier
    private String id;
    private String bookId;
    private String userId;
    private final Set<String> codes = new HashSet<>();
    /** Assignment id to the code it gave. */
    private final Map<String, String> assignments = new HashMap<>();
    /** Reservations of assignments from before one-step assignment, with when they end. */
    private final Map<String, Instant> pending = new HashMap<>();
    /** Redemptions made and not reversed; holds for redemptions in progress with when they end; holds given back; reversed ones. */
    private final Set<String> redemptionsCounted = new HashSet<>();
    private final Map<String, Instant> redemptionsHeld = new HashMap<>();
    private final Set<String> redemptionsReleased = new HashSet<>();
    private final Set<String> redemptionsReturned = new HashSet<>();

    /** Public for the assignment process, which creates a user's first wallet. */
    public Wallet() {
    }

    /** The code assignment {@code assignmentId} gave the user, null when it gave none. */
    public String codeOf(String assignmentId) {
        return assignments.get(assignmentId);
    }

    public boolean holds(String code) {
        return codes.contains(code);
    }

    /**
     * Refuses unless the user may hold one more code: their held codes and the live reservations of
     * assignments from before one-step assignment stay below {@code max} (null: unlimited).
     */
    public void requireRoom(Integer max, Instant now) {
        long reserved = pending.values().stream().filter(expiresAt -> expiresAt.isAfter(now)).count();
        if (max != null && codes.size() + reserved >= max) {
            throw new DomainException(Refusal.CODE_LIMIT_REACHED, "you already hold the " + max + " codes this book allows per user");
        }
    }

    /**
     * Records the code as held, the first event of an assignment's append; the coupon's follows
     * (see {@link dev.couponbook.command.assignment.CouponAssignment}).
     */
    public void hold(AssignCoupon assignment) {
        apply(new CouponSlotConfirmed(assignment.bookId(), assignment.userId(), assignment.assignmentId(), assignment.code()));
    }

    /**
     * Gives back the slot of an assignment whose coupon was not created under it: where the store
     * has no multi-document transactions, the append can store the wallet's event and fail on the
     * coupon's. A slot whose coupon exists, or one the wallet does not hold, changes nothing.
     */
    @CommandHandler
    public void handle(ReleaseCouponSlot command, CouponAssignments coupons) {
        String code = assignments.get(command.reservationId());
        if (code != null && !coupons.createdBy(code, command.reservationId())) {
            apply(new CouponSlotReleased(bookId, userId, command.reservationId(), command.reason()));
        }
    }

    @EventSourcingHandler
    void on(CouponSlotReserved event) {
        identify(event.bookId(), event.userId());
        pending.put(event.reservationId(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(CouponSlotConfirmed event) {
        identify(event.bookId(), event.userId());
        codes.add(event.code());
        assignments.put(event.reservationId(), event.code());
        pending.remove(event.reservationId());
    }

    @EventSourcingHandler
    void on(CouponSlotReleased event) {
        pending.remove(event.reservationId());
        String code = assignments.remove(event.reservationId());
        if (code != null) {
            codes.remove(code);
        }
    }

    /**
     * Holds a redemption slot unless the user's counted redemptions and live holds already reach
     * the limit; expired holds stop counting. A repeat is a no-op.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReserveRedemptionSlot command, Clock clock, Books books) {
        String redemptionId = command.redemptionId();
        if (redemptionsHeld.containsKey(redemptionId) || redemptionsCounted.contains(redemptionId)
                || redemptionsReleased.contains(redemptionId) || redemptionsReturned.contains(redemptionId)) {
            return;
        }
        List<String> expired = expiredHolds(clock.instant());
        Integer max = books.current(command.bookId()).terms().maxRedemptionsPerUser();
        if (max != null && redemptionsCounted.size() + redemptionsHeld.size() - expired.size() >= max) {
            throw new DomainException(Refusal.USER_REDEMPTION_LIMIT_REACHED,
                    "you have made the " + max + " redemptions this book allows per user");
        }
        for (String hold : expired) {
            apply(new RedemptionSlotReleased(command.bookId(), command.userId(), hold, EXPIRED));
        }
        apply(new RedemptionSlotReserved(command.bookId(), command.userId(), redemptionId, command.expiresAt()));
    }

    /** Counts a redemption the coupon stored, held or not (its hold may have expired); a repeat or a returned one changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfirmRedemptionSlot command) {
        String redemptionId = command.redemptionId();
        if (!redemptionsCounted.contains(redemptionId) && !redemptionsReturned.contains(redemptionId)) {
            apply(new RedemptionSlotConfirmed(command.bookId(), command.userId(), redemptionId, command.code()));
        }
    }

    /** Gives back the hold of a redemption the coupon refused. */
    @CommandHandler
    public void handle(ReleaseRedemptionSlot command) {
        if (redemptionsHeld.containsKey(command.redemptionId())) {
            apply(new RedemptionSlotReleased(bookId, userId, command.redemptionId(), command.reason()));
        }
    }

    /** Stops counting a reversed redemption; one the wallet does not count (or no longer) changes nothing. */
    @CommandHandler
    public void handle(ReturnRedemptionSlot command) {
        if (redemptionsCounted.contains(command.redemptionId())) {
            apply(new RedemptionSlotReturned(bookId, userId, command.redemptionId()));
        }
    }

    /** The redemptions a reservation would count now: made and not reversed, plus live holds. */
    @CommandHandler
    public int handle(CountRedemptions command, Clock clock) {
        return redemptionsCounted.size() + redemptionsHeld.size() - expiredHolds(clock.instant()).size();
    }

    private List<String> expiredHolds(Instant now) {
        List<String> expired = new ArrayList<>();
        redemptionsHeld.forEach((hold, expiresAt) -> {
            if (!expiresAt.isAfter(now)) {
                expired.add(hold);
            }
        });
        return expired;
    }

    @EventSourcingHandler
    void on(RedemptionSlotReserved event) {
        identify(event.bookId(), event.userId());
        redemptionsHeld.put(event.redemptionId(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(RedemptionSlotConfirmed event) {
        identify(event.bookId(), event.userId());
        redemptionsHeld.remove(event.redemptionId());
        redemptionsCounted.add(event.redemptionId());
    }

    @EventSourcingHandler
    void on(RedemptionSlotReleased event) {
        redemptionsHeld.remove(event.redemptionId());
        redemptionsReleased.add(event.redemptionId());
    }

    @EventSourcingHandler
    void on(RedemptionSlotReturned event) {
        redemptionsCounted.remove(event.redemptionId());
        redemptionsReturned.add(event.redemptionId());
    }

    private void identify(String bookId, String userId) {
        this.id = AggregateIds.wallet(bookId, userId);
        this.bookId = bookId;
        this.userId = userId;
    }
}
