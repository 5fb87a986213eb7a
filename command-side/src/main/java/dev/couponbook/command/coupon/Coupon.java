package dev.couponbook.command.coupon;

import dev.couponbook.command.code.CodeValidity;
import dev.couponbook.command.couponbook.BookState;
import dev.couponbook.command.couponbook.Books;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.coupon.CheckRedemption;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.coupon.DisableCode;
import dev.couponbook.messages.coupon.EnableCode;
import dev.couponbook.messages.coupon.LockCoupon;
import dev.couponbook.messages.coupon.RedeemCoupon;
import dev.couponbook.messages.coupon.ReverseRedemption;
import dev.couponbook.messages.coupon.UnlockCoupon;
import dev.couponbook.messages.coupon.VerifyCouponHolder;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One code: who holds it, whether it is disabled and when it expires, its current lock and its
 * redemptions, made and reversed. Its stream begins with {@link CouponAssigned}, or with
 * {@link CodeDisabled} when an admin disables a code nobody holds yet: the coupon owns that decision
 * because it is the one that decides the assignment, so a disable and an assignment of the same
 * code are serialised on one stream (and, for a new stream, the event store's unique
 * (aggregate, sequence) index lets one of them win). A code is assigned once only. The lock is
 * recorded here, not only in Redis, and re-checked at redemption, so a lost Redis key can never
 * allow a second redemption. Every lock and extension schedules a {@link #LOCK_EXPIRY} deadline at
 * its end, which records the expiry.
 */
@Aggregate(cache = "couponCache")
public class Coupon {

    /** The deadline at a lock's end; its payload is the lock id. */
    public static final String LOCK_EXPIRY = "lock-expiry";

    @AggregateIdentifier
    private String id;
    private String code;
    private String bookId;
    private String holder;
    private boolean disabled;
    /** When the coupon stops being usable; null when it does not expire on its own. */
    private Instant expiresAt;
    private String lockId;
    private Instant lockedUntil;
    /** Redemptions in effect: made and not reversed. */
    private int redemptions;
    private final Set<String> redemptionsInEffect = new HashSet<>();
    private final Set<String> reversedRedemptions = new HashSet<>();

    protected Coupon() {
    }

    /** The coupon of a code that has no stream yet, assigned as {@code command} asks (see {@link #assign}). */
    public static Coupon assigned(AssignCoupon command, Instant now, CodeValidity.Validity validity) {
        Coupon coupon = new Coupon();
        coupon.assign(command, now, validity);
        return coupon;
    }

    /** Why the code cannot be handed out at {@code now}: assigned already, disabled, or past its own expiry. */
    public Optional<DomainException> assignmentRefusal(Instant now, CodeValidity.Validity validity) {
        if (holder != null) {
            return Optional.of(new DomainException(Refusal.COUPON_ALREADY_ASSIGNED));
        }
        if (disabled) {
            return Optional.of(new DomainException(Refusal.COUPON_DISABLED));
        }
        return freeCodeRefusal(now, validity);
    }

    /** Why a code whose coupon has no stream yet cannot be handed out at {@code now}: past its own expiry. */
    public static Optional<DomainException> freeCodeRefusal(Instant now, CodeValidity.Validity validity) {
        if (validity.expiredAt(now)) {
            return Optional.of(new DomainException(Refusal.COUPON_EXPIRED, "the code expired at " + validity.codeExpiresAt()));
        }
        return Optional.empty();
    }

    /**
     * Assigns a code that is free, not disabled and not past its own expiry, recording when the
     * coupon expires; decided by the assignment process together with the holder's wallet (see
     * {@link dev.couponbook.command.assignment.CouponAssignment}). A refusal applies nothing.
     */
    public void assign(AssignCoupon command, Instant now, CodeValidity.Validity validity) {
        assignmentRefusal(now, validity).ifPresent(refusal -> {
            throw refusal;
        });
        apply(new CouponAssigned(command.code(), command.bookId(), command.userId(), command.assignmentId(),
                validity.expiryWhenAssignedAt(now)));
    }

    /** Disables the code, assigned or not; disabling it again changes nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DisableCode command) {
        if (!disabled) {
            apply(new CodeDisabled(command.code(), command.bookId(), holder));
        }
    }

    /** Enables a disabled code; enabling a code that is not disabled changes nothing. */
    @CommandHandler
    public void handle(EnableCode command) {
        if (disabled) {
            apply(new CodeEnabled(code, bookId, holder));
        }
    }

    /**
     * Locks for the holder's checkout. While a lock is live, the holder asking again (a retried
     * checkout) gets that same lock back, extended when the new end is later, whichever lock id
     * the request carries; an admin gets it back only by naming it (a request that shares its
     * Redis lock) and is refused otherwise.
     */
    @CommandHandler
    public CouponLockGrant handle(LockCoupon command, Clock clock, DeadlineManager deadlines, Books books) {
        requireHolder(command.userId(), command.byAdmin());
        Instant now = clock.instant();
        requireUsable(now);
        boolean live = lockId != null && lockedUntil.isAfter(now);
        if (live && !command.lockId().equals(lockId) && !holder.equals(command.userId())) {
            throw new DomainException(Refusal.COUPON_LOCKED, "the coupon is locked until " + lockedUntil);
        }
        BookState book = books.current(bookId);
        book.requireOpen(now);
        requireRedemptionsLeft(book.terms());
        if (live) {
            if (command.lockedUntil().isAfter(lockedUntil)) {
                apply(new CouponLockExtended(code, bookId, holder, lockId, command.lockedUntil()));
                deadlines.schedule(command.lockedUntil(), LOCK_EXPIRY, lockId);
            }
            return grant();
        }
        if (!command.lockedUntil().isAfter(now)) {
            throw new DomainException(Refusal.LOCK_EXPIRED, "the lock would end before it starts");
        }
        if (lockId != null) {
            apply(new CouponLockExpired(code, bookId, holder, lockId));
        }
        apply(new CouponLocked(code, bookId, holder, command.lockId(), command.lockedUntil()));
        deadlines.schedule(command.lockedUntil(), LOCK_EXPIRY, command.lockId());
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
    public CouponRedemption handle(RedeemCoupon command, Clock clock, Books books) {
        if (!command.userId().equals(holder)) {
            throw notHeld();
        }
        Instant now = clock.instant();
        List<DomainException> refusals = redemptionRefusals(command.lockId(), books.current(bookId), now);
        if (!refusals.isEmpty()) {
            throw refusals.get(0);
        }
        int number = redemptions + 1;
        apply(new CouponRedeemed(code, bookId, holder, lockId, command.redemptionId(), number, command.metadata()));
        return new CouponRedemption(code, bookId, holder, command.redemptionId(), number, now);
    }

    /** Gives a redemption back; reversing it again changes nothing. */
    @CommandHandler
    public CouponRedemptionReversal handle(ReverseRedemption command) {
        String redemptionId = command.redemptionId();
        if (!reversedRedemptions.contains(redemptionId)) {
            if (!redemptionsInEffect.contains(redemptionId)) {
                throw new DomainException(Refusal.REDEMPTION_NOT_FOUND);
            }
            apply(new CouponRedemptionReversed(code, bookId, holder, redemptionId, redemptions - 1,
                    command.reversedBy(), command.reason()));
        }
        return new CouponRedemptionReversal(code, bookId, holder, redemptionId, redemptions);
    }

    /** Answers whether the redemption asked about would be accepted, by the redemption's own rule; applies nothing. */
    @CommandHandler
    public RedemptionCheck handle(CheckRedemption command, Clock clock, Books books) {
        if (!command.userId().equals(holder)) {
            return new RedemptionCheck(false, reasons(List.of(notHeld())), null, null);
        }
        // one reading of the book for the reasons and the count, so the answer cannot mix two
        BookState book = books.current(bookId);
        List<DomainException> refusals = redemptionRefusals(command.lockId(), book, clock.instant());
        int allowed = book.terms().redemptionsAllowedPerCoupon();
        return new RedemptionCheck(true, reasons(refusals),
                allowed == Integer.MAX_VALUE ? null : Math.max(0, allowed - redemptions), expiresAt);
    }

    private static List<CouponValidation.Reason> reasons(List<DomainException> refusals) {
        return refusals.stream().map(refusal -> new CouponValidation.Reason(refusal.code(), refusal.getMessage())).toList();
    }

    /**
     * Every reason a redemption by the holder under {@code redeemingLock} would be refused at
     * {@code now} in {@code book} as read for this decision, in the order of the checks, so a
     * redemption is refused with the first. A null lock stands for the one the holder would take
     * or resume and adds no reason. The callers refuse anyone else first, who learns nothing else.
     */
    private List<DomainException> redemptionRefusals(String redeemingLock, BookState book, Instant now) {
        List<DomainException> refusals = new ArrayList<>();
        redemptionsExhausted(book.terms()).ifPresent(refusals::add);
        refusals.addAll(unusable(now));
        refusals.addAll(book.refusals(now));
        if (redeemingLock != null) {
            if (lockId == null || !lockId.equals(redeemingLock)) {
                refusals.add(new DomainException(Refusal.LOCK_NOT_HELD));
            } else if (!lockedUntil.isAfter(now)) {
                refusals.add(new DomainException(Refusal.LOCK_EXPIRED, "the lock ran out at " + lockedUntil + "; lock the coupon again"));
            }
        }
        return refusals;
    }

    /** Answers the holder's id; refuses, as an unknown code, a caller who does not hold the coupon, before anything that depends on its state. */
    @CommandHandler
    public String handle(VerifyCouponHolder command) {
        requireHolder(command.userId(), command.byAdmin());
        return holder;
    }

    /**
     * Records that a lock ran out; ignored unless it is the current lock and its time is over at
     * {@code due} (when the deadline runs). So the deadlines are never cancelled: one of a lock
     * released, redeemed or replaced, the former end of an extended lock, and a deadline run twice
     * all change nothing.
     */
    @DeadlineHandler(deadlineName = LOCK_EXPIRY)
    void onLockExpiry(String expiringLock, @Timestamp Instant due) {
        if (expiringLock.equals(lockId) && !lockedUntil.isAfter(due)) {
            apply(new CouponLockExpired(code, bookId, holder, lockId));
        }
    }

    /** A code nobody holds (only disabled so far) is unknown to everyone, admins included. */
    private void requireHolder(String userId, boolean byAdmin) {
        if (holder == null || !byAdmin && !holder.equals(userId)) {
            throw notHeld();
        }
    }

    private void requireUsable(Instant now) {
        List<DomainException> refusals = unusable(now);
        if (!refusals.isEmpty()) {
            throw refusals.get(0);
        }
    }

    /** Why the code itself cannot be used at {@code now}, whatever the book says: disabled, expired. */
    private List<DomainException> unusable(Instant now) {
        List<DomainException> refusals = new ArrayList<>();
        if (disabled) {
            refusals.add(new DomainException(Refusal.COUPON_DISABLED));
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            refusals.add(new DomainException(Refusal.COUPON_EXPIRED, "the coupon expired at " + expiresAt));
        }
        return refusals;
    }

    private static DomainException notHeld() {
        return new DomainException(Refusal.COUPON_NOT_FOUND);
    }

    private void requireRedemptionsLeft(CouponBookTerms terms) {
        redemptionsExhausted(terms).ifPresent(refusal -> {
            throw refusal;
        });
    }

    private Optional<DomainException> redemptionsExhausted(CouponBookTerms terms) {
        int allowed = terms.redemptionsAllowedPerCoupon();
        if (redemptions < allowed) {
            return Optional.empty();
        }
        if (allowed == 1) {
            return Optional.of(new DomainException(Refusal.ALREADY_REDEEMED));
        }
        return Optional.of(new DomainException(Refusal.REDEMPTION_LIMIT_REACHED, "the coupon has been redeemed " + redemptions + " times, the most allowed"));
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
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(CodeDisabled event) {
        id = AggregateIds.coupon(event.code());
        code = event.code();
        bookId = event.bookId();
        disabled = true;
    }

    @EventSourcingHandler
    void on(CodeEnabled event) {
        disabled = false;
    }

    @EventSourcingHandler
    void on(CouponLocked event) {
        lockId = event.lockId();
        lockedUntil = event.lockedUntil();
    }

    @EventSourcingHandler
    void on(CouponLockExtended event) {
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
        redemptionsInEffect.add(event.redemptionId());
        clearLock();
    }

    @EventSourcingHandler
    void on(CouponRedemptionReversed event) {
        redemptions = event.redemptionsInEffect();
        redemptionsInEffect.remove(event.redemptionId());
        reversedRedemptions.add(event.redemptionId());
    }

    private void clearLock() {
        lockId = null;
        lockedUntil = null;
    }
}
