package dev.couponbook.command.wallet;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ConfirmCouponSlot;
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
import dev.couponbook.messages.wallet.ReserveCouponSlot;
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
 * One user's place in one book: the codes they hold and the assignments in progress. An
 * assignment first reserves a slot here, so the per-user limit is decided on this aggregate's
 * event-sourced state, one command at a time, however many requests the user sends at once.
 * A reservation is then confirmed with the assigned code, released when no code could be
 * assigned, or, if neither happens, stops counting when it expires.
 * <p>
 * The wallet also counts the user's redemptions in the book for {@code maxRedemptionsPerUser}, the
 * same way: a redemption first holds a redemption slot here, the coupon then decides, and the slot
 * is confirmed (counted) or released; a reversal returns it. So one user redeeming several of
 * their coupons at once can never pass the limit.
 */
@Aggregate(cache = "walletCache")
public class Wallet {

    /** Why a reservation was given back because nobody finished it in time. */
    public static final String EXPIRED = "EXPIRED";

    @AggregateIdentifier
    private String id;
    private String bookId;
    private String userId;
    private final Set<String> codes = new HashSet<>();
    private final Map<String, Instant> pending = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    /** Redemptions made and not reversed; holds for redemptions in progress with when they end; holds given back; reversed ones. */
    private final Set<String> redemptionsCounted = new HashSet<>();
    private final Map<String, Instant> redemptionsHeld = new HashMap<>();
    private final Set<String> redemptionsReleased = new HashSet<>();
    private final Set<String> redemptionsReturned = new HashSet<>();

    protected Wallet() {
    }

    /** Holds a slot unless the user's held codes and live reservations already reach the limit; a repeat is a no-op. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReserveCouponSlot command, Clock clock) {
        if (pending.containsKey(command.reservationId()) || finished.contains(command.reservationId())) {
            return;
        }
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        pending.forEach((reservation, expiresAt) -> {
            if (!expiresAt.isAfter(now)) {
                expired.add(reservation);
            }
        });
        Integer max = command.maxCodesPerUser();
        if (max != null && codes.size() + pending.size() - expired.size() >= max) {
            throw new DomainException(Refusal.CODE_LIMIT_REACHED, "you already hold the " + max + " codes this book allows per user");
        }
        for (String reservation : expired) {
            apply(new CouponSlotReleased(command.bookId(), command.userId(), reservation, EXPIRED));
        }
        apply(new CouponSlotReserved(command.bookId(), command.userId(), command.reservationId(), command.expiresAt()));
    }

    /**
     * Records the assigned code. It counts even when its reservation has already expired: the
     * code is assigned, and the wallet must know every code the user holds.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfirmCouponSlot command) {
        if (!codes.contains(command.code())) {
            apply(new CouponSlotConfirmed(command.bookId(), command.userId(), command.reservationId(), command.code()));
        }
    }

    @CommandHandler
    public void handle(ReleaseCouponSlot command) {
        if (pending.containsKey(command.reservationId())) {
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
        pending.remove(event.reservationId());
        finished.add(event.reservationId());
    }

    @EventSourcingHandler
    void on(CouponSlotReleased event) {
        pending.remove(event.reservationId());
        finished.add(event.reservationId());
    }

    /**
     * Holds a redemption slot unless the user's counted redemptions and live holds already reach
     * the limit; expired holds stop counting. A repeat is a no-op.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReserveRedemptionSlot command, Clock clock) {
        String redemptionId = command.redemptionId();
        if (redemptionsHeld.containsKey(redemptionId) || redemptionsCounted.contains(redemptionId)
                || redemptionsReleased.contains(redemptionId) || redemptionsReturned.contains(redemptionId)) {
            return;
        }
        List<String> expired = expiredHolds(clock.instant());
        Integer max = command.maxRedemptionsPerUser();
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
