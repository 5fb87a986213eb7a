package dev.couponbook.command.coupon;

import dev.couponbook.command.couponbook.BookState;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.coupon.ExpireCouponLock;
import dev.couponbook.messages.coupon.LockCoupon;
import dev.couponbook.messages.coupon.RedeemCoupon;
import dev.couponbook.messages.coupon.UnlockCoupon;
import dev.couponbook.messages.coupon.VerifyCouponHolder;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One code: who holds it, its current lock and how often it was redeemed. Its stream begins
 * with {@link CouponAssigned}, so the event store's unique (aggregate, sequence) index lets a
 * code be assigned once only. The lock is recorded here, not only in Redis, and re-checked at
 * redemption, so a lost Redis key can never allow a second redemption.
 */
@Aggregate(cache = "couponCache")
public class Coupon {

    @AggregateIdentifier
    private String id;
    private String code;
    private String bookId;
    private String holder;
    private String lockId;
    private Instant lockedUntil;
    private int redemptions;

    protected Coupon() {
    }

    @CommandHandler
    public Coupon(AssignCoupon command) {
        apply(new CouponAssigned(command.code(), command.bookId(), command.userId(), command.reservationId()));
    }

    /** Locks for the holder's checkout; repeating a granted lock returns it again. */
    @CommandHandler
    public CouponLockGrant handle(LockCoupon command, Clock clock) {
        requireHolder(command.userId(), command.byAdmin());
        if (command.lockId().equals(lockId)) {
            return grant();
        }
        Instant now = clock.instant();
        if (lockId != null && lockedUntil.isAfter(now)) {
            throw new DomainException(Refusal.COUPON_LOCKED, "the coupon is locked until " + lockedUntil);
        }
        BookState.requireOpen(command.terms(), command.bookActive(), now);
        requireRedemptionsLeft(command.terms());
        if (!command.lockedUntil().isAfter(now)) {
            throw new DomainException(Refusal.LOCK_EXPIRED, "the lock would end before it starts");
        }
        if (lockId != null) {
            apply(new CouponLockExpired(code, bookId, holder, lockId));
        }
        apply(new CouponLocked(code, bookId, holder, command.lockId(), command.lockedUntil()));
        return grant();
    }

    /** Releases the holder's current lock and returns its id for the Redis release; null when there was none. */
    @CommandHandler
    public String handle(UnlockCoupon command, Clock clock) {
        requireHolder(command.userId(), command.byAdmin());
        if (lockId == null || !lockedUntil.isAfter(clock.instant())) {
            return null;
        }
        String released = lockId;
        apply(new CouponUnlocked(code, bookId, holder, released));
        return released;
    }

    /** Redeems under the holder's current, unexpired lock, which the redemption consumes. */
    @CommandHandler
    public CouponRedemption handle(RedeemCoupon command, Clock clock) {
        requireHolder(command.userId(), false);
        Instant now = clock.instant();
        requireRedemptionsLeft(command.terms());
        BookState.requireOpen(command.terms(), command.bookActive(), now);
        if (lockId == null || !lockId.equals(command.lockId())) {
            throw new DomainException(Refusal.LOCK_NOT_HELD);
        }
        if (!lockedUntil.isAfter(now)) {
            throw new DomainException(Refusal.LOCK_EXPIRED, "the lock ran out at " + lockedUntil + "; lock the coupon again");
        }
        int number = redemptions + 1;
        apply(new CouponRedeemed(code, bookId, holder, lockId, command.redemptionId(), number, command.metadata()));
        return new CouponRedemption(code, bookId, holder, command.redemptionId(), number, now);
    }

    /** Refuses, as an unknown code, a caller who does not hold the coupon; checked before anything that depends on its state. */
    @CommandHandler
    public void handle(VerifyCouponHolder command) {
        requireHolder(command.userId(), command.byAdmin());
    }

    /** Records that a lock ran out; ignored unless it is the current lock and its time is over. */
    @CommandHandler
    public void handle(ExpireCouponLock command, Clock clock) {
        if (command.lockId().equals(lockId) && !lockedUntil.isAfter(clock.instant())) {
            apply(new CouponLockExpired(code, bookId, holder, lockId));
        }
    }

    private void requireHolder(String userId, boolean byAdmin) {
        if (!byAdmin && !holder.equals(userId)) {
            throw new DomainException(Refusal.COUPON_NOT_FOUND);
        }
    }

    private void requireRedemptionsLeft(CouponBookTerms terms) {
        int allowed = terms.redemptionsAllowedPerCoupon();
        if (redemptions >= allowed) {
            if (allowed == 1) {
                throw new DomainException(Refusal.ALREADY_REDEEMED);
            }
            throw new DomainException(Refusal.REDEMPTION_LIMIT_REACHED, "the coupon has been redeemed " + redemptions + " times, the most allowed");
        }
    }

    private CouponLockGrant grant() {
        return new CouponLockGrant(code, holder, lockId, lockedUntil);
    }

    @EventSourcingHandler
    void on(CouponAssigned event) {
        id = AggregateIds.coupon(event.code());
        code = event.code();
        bookId = event.bookId();
        holder = event.userId();
    }

    @EventSourcingHandler
    void on(CouponLocked event) {
        lockId = event.lockId();
        lockedUntil = event.lockedUntil();
    }

    @EventSourcingHandler
    void on(CouponUnlocked event) {
        clearLock();
    }

    @EventSourcingHandler
    void on(CouponLockExpired event) {
        clearLock();
    }

    @EventSourcingHandler
    void on(CouponRedeemed event) {
        redemptions = event.redemptionNumber();
        clearLock();
    }

    private void clearLock() {
        lockId = null;
        lockedUntil = null;
    }
}
