package dev.couponbook.command.coupon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.couponbook.command.Caller;
import dev.couponbook.command.code.CodeRegistry;
import dev.couponbook.command.code.CodeRules;
import dev.couponbook.command.CommandRetry;
import dev.couponbook.command.couponbook.BookState;
import dev.couponbook.command.couponbook.BookTermsLookup;
import dev.couponbook.command.StorableText;
import dev.couponbook.command.RedisUnavailable;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.LockCoupon;
import dev.couponbook.messages.coupon.RedeemCoupon;
import dev.couponbook.messages.coupon.UnlockCoupon;
import dev.couponbook.messages.coupon.VerifyCouponHolder;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Locks, unlocks and redeems coupons. A lock is taken in Redis first ({@code SET NX}) and then
 * recorded on the coupon, which decides; if the coupon refuses, only the lock just taken is
 * released. A redemption is decided by the coupon against its recorded lock, and the Redis lock
 * is released only after the redemption's events are stored.
 */
@Service
public class CouponService {

    private static final Logger log = LoggerFactory.getLogger(CouponService.class);
    public static final int MAX_METADATA_ENTRIES = 20;
    public static final int MAX_METADATA_KEY = 64;
    public static final int MAX_METADATA_VALUE = 512;

    private final CommandRetry commands;
    private final RedisLocks locks;
    private final CodeRegistry registry;
    private final BookTermsLookup books;
    private final Rejections rejections;
    private final Clock clock;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    // A code's book never changes once claimed, so the answer can be kept.
    private final Cache<String, String> bookOfCode = Caffeine.newBuilder().maximumSize(100_000).build();

    public CouponService(CommandRetry commands, RedisLocks locks, CodeRegistry registry, BookTermsLookup books,
                         Rejections rejections, Clock clock,
                         @Value("${couponbook.locks.default-ttl:5m}") Duration defaultTtl,
                         @Value("${couponbook.locks.max-ttl:30m}") Duration maxTtl) {
        this.commands = commands;
        this.locks = locks;
        this.registry = registry;
        this.books = books;
        this.rejections = rejections;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
        this.maxTtl = maxTtl;
    }

    /** Locks the coupon for {@code ttlSeconds} (default five minutes) for its holder's checkout. */
    public CouponLockGrant lock(String code, Caller caller, Integer ttlSeconds) {
        return rejections.recorded(CouponAction.LOCK, shown(code), caller.userId(), attempt -> {
            Duration ttl = ttl(ttlSeconds);
            String bookId = attempt.book(heldBookOf(code, caller));
            BookState book = books.get(bookId);
            String lockId = UUID.randomUUID().toString();
            if (!locks.acquire(code, lockId, ttl)) {
                throw new DomainException(Refusal.COUPON_LOCKED);
            }
            try {
                return commands.send(new LockCoupon(code, caller.userId(), caller.admin(), lockId,
                        clock.instant().plus(ttl), book.terms(), book.active()));
            } catch (RuntimeException e) {
                releaseQuietly(code, lockId);
                throw refusalOf(e);
            }
        });
    }

    /** Releases the holder's lock; nothing happens when the coupon is not locked. */
    public void unlock(String code, Caller caller) {
        rejections.recorded(CouponAction.UNLOCK, shown(code), caller.userId(), attempt -> {
            attempt.book(heldBookOf(code, caller));
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

    /** Redeems the coupon under the caller's lock {@code lockId}. */
    public CouponRedemption redeem(String code, Caller caller, String lockId, Map<String, String> metadata) {
        return rejections.recorded(CouponAction.REDEEM, shown(code), caller.userId(), attempt -> {
            requireStorable(metadata);
            String bookId = attempt.book(heldBookOf(code, caller));
            BookState book = books.get(bookId);
            String holder = locks.holder(code);
            if (holder != null && !holder.equals(lockId)) {
                throw new DomainException(Refusal.LOCK_NOT_HELD);
            }
            CouponRedemption redemption;
            try {
                redemption = commands.send(new RedeemCoupon(code, caller.userId(), lockId, UUID.randomUUID().toString(),
                        metadata == null ? Map.of() : Map.copyOf(metadata), book.terms(), book.active()));
            } catch (RuntimeException e) {
                throw refusalOf(e);
            }
            releaseQuietly(code, lockId);
            return redemption;
        });
    }

    /**
     * The book of a coupon the caller holds; any other code, whether unknown, free or someone
     * else's in whatever state, is refused alike before anything that depends on the coupon's
     * state. An unknown code is asked about too, so every refusal costs the same work and its
     * timing does not tell that the code exists.
     */
    private String heldBookOf(String code, Caller caller) {
        if (!CodeRules.valid(code)) {
            throw notHeld();
        }
        String bookId = bookOfCode.get(code, registry::bookOf);
        try {
            commands.send(new VerifyCouponHolder(code, caller.userId(), caller.admin()));
        } catch (RuntimeException e) {
            throw refusalOf(e);
        }
        if (bookId == null) {
            throw notHeld();
        }
        return bookId;
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
        boolean storable = metadata.size() <= MAX_METADATA_ENTRIES && metadata.entrySet().stream().allMatch(entry ->
                entry.getKey().length() <= MAX_METADATA_KEY && StorableText.key(entry.getKey())
                        && entry.getValue() != null && entry.getValue().length() <= MAX_METADATA_VALUE
                        && StorableText.text(entry.getValue()));
        if (!storable) {
            throw new DomainException(Refusal.INVALID_METADATA, "metadata holds at most " + MAX_METADATA_ENTRIES
                    + " string entries, keys of at most " + MAX_METADATA_KEY + " characters without control"
                    + " characters, dots or a leading $, and values of at most " + MAX_METADATA_VALUE
                    + " characters without control characters (tab and line breaks allowed)");
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
