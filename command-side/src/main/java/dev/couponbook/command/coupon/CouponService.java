package dev.couponbook.command.coupon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.couponbook.command.Caller;
import dev.couponbook.command.code.CodeRegistry;
import dev.couponbook.command.code.CodeRules;
import dev.couponbook.command.CommandRetry;
import dev.couponbook.command.couponbook.BookState;
import dev.couponbook.command.couponbook.Books;
import dev.couponbook.command.RedisUnavailable;
import dev.couponbook.command.StorableMetadata;
import dev.couponbook.messages.coupon.CheckRedemption;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.LockCoupon;
import dev.couponbook.messages.coupon.RedeemCoupon;
import dev.couponbook.messages.coupon.ReverseRedemption;
import dev.couponbook.messages.coupon.UnlockCoupon;
import dev.couponbook.messages.coupon.VerifyCouponHolder;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Locks, unlocks and redeems coupons, validates and reverses redemptions. A lock is taken in
 * Redis first ({@code SET NX}) and then recorded on the coupon, which decides; if the coupon
 * refuses, only the lock just taken is released. A redemption is decided by the coupon against
 * its recorded lock, and the Redis lock is released only after the redemption's events are stored.
 */
@Service
public class CouponService {

    private static final Logger log = LoggerFactory.getLogger(CouponService.class);
    // A holder's lock seen in Redis may be released just before it is read; taking it is then tried again.
    private static final int LOCK_ATTEMPTS = 3;

    private final CommandRetry commands;
    private final RedisLocks locks;
    private final CodeRegistry registry;
    private final Books books;
    private final Rejections rejections;
    private final RedemptionLimits limits;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    // A code's book never changes once claimed, so the answer can be kept.
    private final Cache<String, String> bookOfCode = Caffeine.newBuilder().maximumSize(100_000).build();

    public CouponService(CommandRetry commands, RedisLocks locks, CodeRegistry registry, Books books,
                         Rejections rejections, RedemptionLimits limits, Clock clock,
                         LockProperties settings) {
        this.commands = commands;
        this.locks = locks;
        this.registry = registry;
        this.books = books;
        this.rejections = rejections;
        this.limits = limits;
        this.clock = clock;
        this.defaultTtl = settings.defaultTtl();
        this.maxTtl = settings.maxTtl();
    }

    /**
     * Locks the coupon for {@code ttlSeconds} (default five minutes) for its holder's checkout.
     * When the holder's lock is live in Redis, the holder's request names that lock and the
     * coupon resumes it, so a retried checkout carries on under the same lock id.
     */
    public CouponLockGrant lock(String code, Caller caller, Integer ttlSeconds) {
        return rejections.recorded(CouponAction.LOCK, shown(code), caller.userId(), attempt -> {
            Duration ttl = ttl(ttlSeconds);
            Holding held = held(code, caller);
            attempt.book(held.bookId());
            String candidate = UUID.randomUUID().toString();
            String taken = null;
            String lockId = null;
            for (int tries = 0; tries < LOCK_ATTEMPTS && lockId == null; tries++) {
                if (locks.acquire(code, candidate, ttl)) {
                    taken = candidate;
                    lockId = candidate;
                } else if (held.holder().equals(caller.userId())) {
                    lockId = locks.holder(code);
                } else {
                    throw locked();
                }
            }
            if (lockId == null) {
                throw locked();
            }
            Instant until = clock.instant().plus(ttl);
            CouponLockGrant grant;
            try {
                grant = commands.send(new LockCoupon(code, caller.userId(), caller.admin(), lockId, until));
            } catch (RuntimeException e) {
                if (taken != null) {
                    releaseQuietly(code, taken);
                }
                throw refusalOf(e);
            }
            if (!grant.lockId().equals(taken) || !grant.lockedUntil().equals(until)) {
                locks.hold(code, grant.lockId(), taken, grant.lockedUntil());
            }
            return grant;
        });
    }

    private static DomainException locked() {
        return new DomainException(Refusal.COUPON_LOCKED);
    }

    /** Releases the holder's lock; nothing happens when the coupon is not locked. */
    public void unlock(String code, Caller caller) {
        rejections.recorded(CouponAction.UNLOCK, shown(code), caller.userId(), attempt -> {
            attempt.book(held(code, caller).bookId());
            String released;
            try {
                released = commands.send(new UnlockCoupon(code, caller.userId(), caller.admin()));
            } catch (RuntimeException e) {
                throw refusalOf(e);
            }
            if (released != null) {
                releaseQuietly(code, released);
            }
        });
    }

    /**
     * Redeems the coupon under the caller's lock {@code lockId}. The redemption first takes its
     * share of the book's per-user limit and budget ({@link RedemptionLimits}), which the coupon's
     * refusal gives back.
     */
    public CouponRedemption redeem(String code, Caller caller, String lockId, Map<String, String> metadata) {
        return rejections.recorded(CouponAction.REDEEM, shown(code), caller.userId(), attempt -> {
            requireStorable(metadata);
            Holding held = held(code, caller);
            BookState book = books.current(attempt.book(held.bookId()));
            Optional<DomainException> foreignLock = foreignRedisLock(code, lockId);
            if (foreignLock.isPresent()) {
                throw foreignLock.get();
            }
            String redemptionId = UUID.randomUUID().toString();
            RedemptionLimits.Taken taken;
            try {
                taken = limits.take(book.bookId(), book.terms(), held.holder(), code, redemptionId);
            } catch (RuntimeException e) {
                throw refusalOf(e);
            }
            CouponRedemption redemption;
            try {
                redemption = commands.send(new RedeemCoupon(code, caller.userId(), lockId, redemptionId,
                        metadata == null ? Map.of() : Map.copyOf(metadata)));
            } catch (RuntimeException e) {
                limits.refused(taken, e);
                throw refusalOf(e);
            }
            limits.made(taken);
            releaseQuietly(code, lockId);
            return redemption;
        });
    }

    /** Gives redemption {@code redemptionId} of the coupon back, recording the caller as who reversed it; a repeat is a no-op. */
    public CouponRedemptionReversal reverse(String code, Caller caller, String redemptionId, String reason) {
        return rejections.recorded(CouponAction.REVERSE, shown(code), caller.userId(), attempt -> {
            String bookId = CodeRules.valid(code) ? bookOfCode.get(code, registry::bookOf) : null;
            if (bookId == null) {
                throw new DomainException(Refusal.COUPON_NOT_FOUND, "no coupon has this code");
            }
            attempt.book(bookId);
            CouponRedemptionReversal reversal;
            try {
                reversal = commands.send(new ReverseRedemption(code, redemptionId, reason, caller.userId()));
            } catch (RuntimeException e) {
                throw refusalOf(e);
            }
            limits.reversed(bookId, books.current(bookId).terms(), reversal.userId(), code, redemptionId);
            return reversal;
        });
    }

    /**
     * Whether a redemption of {@code code} by the caller, or the user an admin names, would be
     * accepted now under {@code lockId} (or the lock the holder would take or resume), with
     * every reason it would not. Decided as the redemption decides: the same checks before the
     * coupon, the holder's per-user limit and the book's budget read from their aggregates, then
     * the coupon's rule on its own state. Takes no lock and records nothing. The redemptions left
     * are the fewest any of the coupon's, the user's and the book's limits leave.
     */
    public CouponValidation validate(String code, Caller caller, String requestedUserId, String lockId) {
        String userId = caller.actingFor(requestedUserId);
        if (!CodeRules.valid(code)) {
            return notHeld(null, userId, caller, null);
        }
        String bookId = bookOfCode.get(code, registry::bookOf);
        BookState book = bookId == null ? null : books.current(bookId);
        RedemptionCheck check;
        try {
            check = commands.send(new CheckRedemption(code, userId, lockId));
        } catch (RuntimeException e) {
            RuntimeException refusal = refusalOf(e);
            if (refusal instanceof DomainException domain && domain.refusal() == Refusal.COUPON_NOT_FOUND) {
                return notHeld(code, userId, caller, book);
            }
            throw refusal;
        }
        if (!check.held()) {
            return notHeld(code, userId, caller, book);
        }
        List<CouponValidation.Reason> reasons = new ArrayList<>(check.reasons());
        Integer redemptionsLeft = check.redemptionsLeft();
        if (book != null) {
            RedemptionLimits.Standing standing = limits.standing(book.bookId(), book.terms(), userId);
            reasons.addAll(0, standing.refusals().stream()
                    .map(refusal -> new CouponValidation.Reason(refusal.code(), refusal.getMessage())).toList());
            if (standing.left() != null) {
                redemptionsLeft = redemptionsLeft == null ? standing.left() : Math.min(redemptionsLeft, standing.left());
            }
        }
        foreignRedisLock(code, lockId).ifPresent(foreign -> {
            reasons.removeIf(reason -> reason.code().equals(foreign.code()));
            reasons.add(0, new CouponValidation.Reason(foreign.code(), foreign.getMessage()));
        });
        return validation(code, userId, reasons, redemptionsLeft, book, check.expiresAt());
    }

    private static CouponValidation notHeld(String code, String userId, Caller caller, BookState book) {
        String detail = caller.userId().equals(userId) ? notHeld().getMessage() : "the user holds no coupon with this code";
        return validation(code, userId, List.of(new CouponValidation.Reason(Refusal.COUPON_NOT_FOUND.code(), detail)), null,
                caller.admin() ? book : null, null);
    }

    private static CouponValidation validation(String code, String userId, List<CouponValidation.Reason> reasons,
                                               Integer redemptionsLeft, BookState book, Instant expiresAt) {
        return new CouponValidation(code, userId, reasons.isEmpty(), List.copyOf(reasons), redemptionsLeft,
                book == null ? null : book.bookId(), book == null ? null : book.terms().name(),
                book == null ? null : book.terms().startDate(), book == null ? null : book.terms().endDate(), expiresAt);
    }

    /** A redemption under {@code lockId} meets another lock in Redis: refused before the coupon is asked. */
    private Optional<DomainException> foreignRedisLock(String code, String lockId) {
        if (lockId == null) {
            return Optional.empty();
        }
        String holder = locks.holder(code);
        return holder != null && !holder.equals(lockId)
                ? Optional.of(new DomainException(Refusal.LOCK_NOT_HELD))
                : Optional.empty();
    }

    /** The book and the holder of a coupon. */
    private record Holding(String bookId, String holder) {
    }

    /**
     * The book and holder of a coupon the caller holds (or, for an admin, any coupon); any other
     * code, whether unknown, free or someone else's in whatever state, is refused alike before
     * anything that depends on the coupon's state. An unknown code is asked about too, so every
     * refusal costs the same work and its timing does not tell that the code exists.
     */
    private Holding held(String code, Caller caller) {
        if (!CodeRules.valid(code)) {
            throw notHeld();
        }
        String bookId = bookOfCode.get(code, registry::bookOf);
        String holder;
        try {
            holder = commands.send(new VerifyCouponHolder(code, caller.userId(), caller.admin()));
        } catch (RuntimeException e) {
            throw refusalOf(e);
        }
        if (bookId == null) {
            throw notHeld();
        }
        return new Holding(bookId, holder);
    }

    private static DomainException notHeld() {
        return new DomainException(Refusal.COUPON_NOT_FOUND);
    }

    private Duration ttl(Integer ttlSeconds) {
        if (ttlSeconds == null) {
            return defaultTtl;
        }
        if (ttlSeconds < 1 || Duration.ofSeconds(ttlSeconds).compareTo(maxTtl) > 0) {
            throw new DomainException(Refusal.INVALID_TTL, "ttlSeconds must be between 1 and " + maxTtl.toSeconds());
        }
        return Duration.ofSeconds(ttlSeconds);
    }

    private static void requireStorable(Map<String, String> metadata) {
        if (metadata == null) {
            return;
        }
        if (metadata.size() > StorableMetadata.MAX_ENTRIES || !StorableMetadata.entriesStorable(metadata)) {
            throw new DomainException(Refusal.INVALID_METADATA, "metadata holds at most " + StorableMetadata.MAX_ENTRIES
                    + " entries, " + StorableMetadata.entryRules());
        }
    }

    /** The domain refusal behind a failed command; an unassigned code is simply not found. */
    private static RuntimeException refusalOf(RuntimeException failure) {
        if (Causes.find(failure, AggregateNotFoundException.class).isPresent()) {
            return notHeld();
        }
        return Causes.refusal(failure).<RuntimeException>map(refusal -> refusal).orElse(failure);
    }

    private void releaseQuietly(String code, String lockId) {
        try {
            locks.release(code, lockId);
        } catch (RedisUnavailable e) {
            log.warn("Redis lock {} on {} stays until its own expiry: {}", lockId, code, e.getMessage());
        }
    }

    private static String shown(String code) {
        return CodeRules.valid(code) ? code : null;
    }
}
