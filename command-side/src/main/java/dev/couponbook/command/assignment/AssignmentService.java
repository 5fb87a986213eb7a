package dev.couponbook.command.assignment;

import dev.couponbook.command.coupon.Rejections;
import dev.couponbook.command.code.CodeRegistry;
import dev.couponbook.command.code.CodeRules;
import dev.couponbook.command.CommandRetry;
import dev.couponbook.command.couponbook.BookIds;
import dev.couponbook.command.couponbook.BookState;
import dev.couponbook.command.couponbook.BookTermsLookup;
import dev.couponbook.command.pool.CodePool;
import dev.couponbook.command.RedisUnavailable;
import dev.couponbook.command.wallet.RecentConfirmations;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.couponbook.IsGenerationUnderWay;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ConfirmCouponSlot;
import dev.couponbook.messages.wallet.ReleaseCouponSlot;
import dev.couponbook.messages.wallet.ReserveCouponSlot;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gives codes to users in three steps: reserve a slot in the user's wallet (the per-user limit),
 * assign the code (creating the coupon's stream: once per code, ever), confirm the slot. A
 * failure between the steps releases the slot; a crash between assignment and confirmation is
 * completed by {@link dev.couponbook.command.wallet.WalletConfirmations}; a reservation nobody
 * finishes stops counting when it expires.
 *
 * <p>Reservations live {@code couponbook.assignment.reservation-ttl} (default 60 s). That is far
 * longer than an assignment can take (each store call is bounded to a few seconds), so a live
 * assignment is never overtaken by its own expiry, yet short enough that a crashed request
 * blocks the user's slot only briefly. An assignment whose reservation has used more than half
 * of its time is abandoned before the code is assigned.
 */
@Service
public class AssignmentService {

    private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);
    static final String NO_CODES = "NO_CODES";
    static final String FAILED = "FAILED";

    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final CommandRetry retrying;
    private final BookTermsLookup books;
    private final CodePool pool;
    private final CodeRegistry registry;
    private final Rejections rejections;
    private final RecentConfirmations recentConfirmations;
    private final Clock clock;
    private final Duration reservationTtl;
    private final int maxStaleCodes;

    public AssignmentService(CommandGateway commands, QueryGateway queries, CommandRetry retrying, BookTermsLookup books, CodePool pool,
                             CodeRegistry registry, Rejections rejections, RecentConfirmations recentConfirmations,
                             Clock clock,
                             AssignmentProperties settings) {
        this.commands = commands;
        this.queries = queries;
        this.retrying = retrying;
        this.books = books;
        this.pool = pool;
        this.registry = registry;
        this.rejections = rejections;
        this.recentConfirmations = recentConfirmations;
        this.clock = clock;
        this.reservationTtl = settings.reservationTtl();
        this.maxStaleCodes = settings.maxStaleCodes();
    }

    /** Gives {@code userId} a random free code of the book. */
    public Assignment assignRandom(String bookId, String userId) {
        // A refusal names the book only once it is known to exist: no phantom book in any read model.
        return rejections.recorded(CouponAction.ASSIGN, null, userId, attempt -> {
            BookState book = books.get(BookIds.valid(bookId));
            attempt.book(book.bookId());
            Reservation reservation = reserve(book, userId);
            for (int stale = 0; stale <= maxStaleCodes; stale++) {
                String code = takeOrRelease(reservation);
                if (code == null && pool.rebuilding()) {
                    throw new DomainException(Refusal.POOL_REBUILDING);
                }
                if (code == null) {
                    throw noCodes(book.bookId());
                }
                Assignment assignment = assign(reservation, code, true);
                if (assignment != null) {
                    return assignment;
                }
            }
            release(reservation, FAILED);
            throw new DomainException(Refusal.POOL_STALE);
        });
    }

    /** Gives {@code userId} this very code. */
    public Assignment assignCode(String code, String userId) {
        return rejections.recorded(CouponAction.ASSIGN, CodeRules.valid(code) ? code : null, userId, attempt -> {
            String bookId = attempt.book(CodeRules.valid(code) ? registry.bookOf(code) : null);
            if (bookId == null) {
                throw new DomainException(Refusal.COUPON_NOT_FOUND, "no coupon book has this code");
            }
            Reservation reservation = reserve(books.get(bookId), userId);
            return assign(reservation, code, false);
        });
    }

    /** The same refusal either way; while a generation job runs, it says that codes are still coming. */
    private DomainException noCodes(String bookId) {
        boolean generating;
        try {
            generating = Boolean.TRUE.equals(queries.query(new IsGenerationUnderWay(bookId), Boolean.class)
                    .get(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            generating = false;
        } catch (ExecutionException | TimeoutException e) {
            // An instance without the query role cannot tell; the plain answer is still true.
            generating = false;
        }
        return generating
                ? new DomainException(Refusal.NO_CODES_AVAILABLE, "the book has no free codes yet: a generation job is still adding them; retry shortly")
                : new DomainException(Refusal.NO_CODES_AVAILABLE);
    }

    private record Reservation(String bookId, String userId, String id, Instant at) {
    }

    private Reservation reserve(BookState book, String userId) {
        Instant now = clock.instant();
        book.requireOpen(now);
        Reservation reservation = new Reservation(book.bookId(), userId, UUID.randomUUID().toString(), now);
        retrying.send(new ReserveCouponSlot(book.bookId(), userId, reservation.id(), book.terms().maxCodesPerUser(),
                now.plus(reservationTtl)));
        return reservation;
    }

    private String takeOrRelease(Reservation reservation) {
        String code;
        try {
            code = pool.take(reservation.bookId());
        } catch (RedisUnavailable e) {
            release(reservation, FAILED);
            throw e;
        }
        if (code == null) {
            release(reservation, NO_CODES);
        }
        return code;
    }

    /** The assignment, or null when a code drawn {@code fromPool} cannot be handed out ({@link UnusableCodes}). */
    private Assignment assign(Reservation reservation, String code, boolean fromPool) {
        if (clock.instant().isAfter(reservation.at().plus(reservationTtl.dividedBy(2)))) {
            putBackQuietly(reservation.bookId(), code);
            release(reservation, FAILED);
            throw new DomainException(Refusal.ASSIGNMENT_TOO_SLOW);
        }
        try {
            commands.sendAndWait(new AssignCoupon(code, reservation.bookId(), reservation.userId(), reservation.id()));
        } catch (RuntimeException e) {
            Optional<DomainException> unusable = UnusableCodes.refusal(e);
            if (unusable.isPresent() && fromPool) {
                return null;
            }
            if (unusable.isPresent()) {
                release(reservation, FAILED);
                throw unusable.get();
            }
            putBackQuietly(reservation.bookId(), code);
            release(reservation, FAILED);
            throw e;
        }
        Instant assignedAt = clock.instant();
        try {
            retrying.send(new ConfirmCouponSlot(reservation.bookId(), reservation.userId(), reservation.id(), code));
            recentConfirmations.add(reservation.id());
        } catch (RuntimeException e) {
            log.warn("Slot {} for code {} stays reserved until the assignment event confirms it: {}",
                    reservation.id(), code, e.getMessage());
        }
        return new Assignment(code, reservation.bookId(), reservation.userId(), assignedAt);
    }

    private void release(Reservation reservation, String reason) {
        try {
            retrying.send(new ReleaseCouponSlot(reservation.bookId(), reservation.userId(), reservation.id(), reason));
        } catch (RuntimeException e) {
            log.warn("Slot {} could not be released; it stops counting when it expires: {}", reservation.id(), e.getMessage());
        }
    }

    private void putBackQuietly(String bookId, String code) {
        try {
            pool.putBack(bookId, code);
        } catch (RedisUnavailable e) {
            log.warn("Code {} of book {} is out of its pool until the pools are next rebuilt", code, bookId);
        }
    }
}
