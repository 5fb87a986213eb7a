package dev.couponbook.command.wallet;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ConfirmCouponSlot;
import dev.couponbook.messages.wallet.CouponSlotConfirmed;
import dev.couponbook.messages.wallet.CouponSlotReleased;
import dev.couponbook.messages.wallet.CouponSlotReserved;
import dev.couponbook.messages.wallet.ReleaseCouponSlot;
import dev.couponbook.messages.wallet.ReserveCouponSlot;
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

    private void identify(String bookId, String userId) {
        this.id = AggregateIds.wallet(bookId, userId);
        this.bookId = bookId;
        this.userId = userId;
    }
}
