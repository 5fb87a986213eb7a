package dev.couponbook.command.assignment;

import dev.couponbook.command.RedisUnavailable;
import dev.couponbook.command.code.CodeValidity;
import dev.couponbook.command.coupon.Coupon;
import dev.couponbook.command.couponbook.BookState;
import dev.couponbook.command.couponbook.Books;
import dev.couponbook.command.pool.FreeCodes;
import dev.couponbook.command.wallet.Wallet;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.coupon.AssignFreeCoupon;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The assignment of a code, one unit of work, read top to bottom:
 * <ol>
 * <li>the book must be open, and the user's {@link Wallet} refuses when the user already holds
 * the book's limit (both read from {@link Books}), before any code is taken, so one user's burst
 * of requests never holds codes other users could get;</li>
 * <li>a free code is taken from the pool ({@link FreeCodes}), skipping one that cannot be handed
 * out (its {@link Coupon} is assigned, disabled or past its own expiry: dropped, it returns to the
 * pool through its own events if it becomes free again);</li>
 * <li>the wallet records the code as held, then the coupon records the assignment (creating the
 * coupon's stream, or continuing a disabled-and-enabled code's).</li>
 * </ol>
 * With MongoDB transactions both events are stored or neither. Without them the wallet's event is
 * inserted first: a concurrent write of the same wallet (another instance) fails that insert and
 * nothing is stored; a coupon written meanwhile fails the second, and the caller gives the slot
 * back with {@code ReleaseCouponSlot}. So the limit and "assigned once" hold whatever fails. A unit
 * of work that fails puts its code back into the pool.
 */
@Component
public class CouponAssignment {

    private static final Logger log = LoggerFactory.getLogger(CouponAssignment.class);

    private final Repository<Wallet> wallets;
    private final Repository<Coupon> coupons;
    private final EventStore events;
    private final FreeCodes pool;
    private final Books books;
    private final CodeValidity validity;
    private final Clock clock;
    private final int maxStaleCodes;

    public CouponAssignment(Repository<Wallet> wallets, Repository<Coupon> coupons, EventStore events, FreeCodes pool,
                            Books books, CodeValidity validity, Clock clock, AssignmentProperties settings) {
        this.wallets = wallets;
        this.coupons = coupons;
        this.events = events;
        this.pool = pool;
        this.books = books;
        this.validity = validity;
        this.clock = clock;
        this.maxStaleCodes = settings.maxStaleCodes();
    }

    /** Gives the user a random free code of the book and answers with it; a stored assignment repeated answers its code again. */
    @CommandHandler
    public String handle(AssignFreeCoupon command) throws Exception {
        Instant now = clock.instant();
        BookState book = openBook(command.bookId(), now);
        Aggregate<Wallet> wallet = wallet(command.bookId(), command.userId());
        String earlier = wallet.invoke(held -> held.codeOf(command.assignmentId()));
        if (earlier != null) {
            return earlier;
        }
        wallet.execute(held -> held.requireRoom(book.terms().maxCodesPerUser(), now));
        for (int stale = 0; stale <= maxStaleCodes; stale++) {
            String code = pool.take(command.bookId());
            if (code == null) {
                throw new DomainException(pool.rebuilding() ? Refusal.POOL_REBUILDING : Refusal.NO_CODES_AVAILABLE);
            }
            AssignCoupon assignment = new AssignCoupon(code, command.bookId(), command.userId(), command.assignmentId());
            CodeValidity.Validity limits = validity.of(command.bookId(), code);
            Aggregate<Coupon> coupon = existing(code);
            if (refusal(coupon, now, limits).isEmpty()) {
                CurrentUnitOfWork.get().onRollback(failed -> putBack(command.bookId(), code));
                assign(wallet, coupon, assignment, now, limits);
                return code;
            }
        }
        throw new DomainException(Refusal.POOL_STALE);
    }

    /** Gives the user this very code; asking again for a code the user holds changes nothing. */
    @CommandHandler
    public void handle(AssignCoupon command) throws Exception {
        Instant now = clock.instant();
        BookState book = openBook(command.bookId(), now);
        Aggregate<Wallet> wallet = wallet(command.bookId(), command.userId());
        if (wallet.invoke(held -> held.holds(command.code()))) {
            return;
        }
        wallet.execute(held -> held.requireRoom(book.terms().maxCodesPerUser(), now));
        CodeValidity.Validity limits = validity.of(command.bookId(), command.code());
        Aggregate<Coupon> coupon = existing(command.code());
        Optional<DomainException> refusal = refusal(coupon, now, limits);
        if (refusal.isPresent()) {
            throw refusal.get();
        }
        assign(wallet, coupon, command, now, limits);
    }

    private void assign(Aggregate<Wallet> wallet, Aggregate<Coupon> coupon, AssignCoupon assignment, Instant now,
                        CodeValidity.Validity limits) throws Exception {
        wallet.execute(held -> held.hold(assignment));
        if (coupon == null) {
            coupons.newInstance(() -> Coupon.assigned(assignment, now, limits));
        } else {
            coupon.execute(existing -> existing.assign(assignment, now, limits));
        }
    }

    private BookState openBook(String bookId, Instant now) {
        BookState book = books.current(bookId);
        book.requireOpen(now);
        return book;
    }

    private Aggregate<Wallet> wallet(String bookId, String userId) throws Exception {
        return wallets.loadOrCreate(AggregateIds.wallet(bookId, userId), Wallet::new);
    }

    /** The code's coupon when its stream exists (assigned, or disabled before), null for a code nobody's stream names yet. */
    private Aggregate<Coupon> existing(String code) {
        String id = AggregateIds.coupon(code);
        return events.lastSequenceNumberFor(id).isPresent() ? coupons.load(id) : null;
    }

    private static Optional<DomainException> refusal(Aggregate<Coupon> coupon, Instant now, CodeValidity.Validity limits) {
        return coupon == null ? Coupon.freeCodeRefusal(now, limits) : coupon.invoke(existing -> existing.assignmentRefusal(now, limits));
    }

    private void putBack(String bookId, String code) {
        try {
            pool.putBack(bookId, code);
        } catch (RedisUnavailable e) {
            log.warn("Code {} of book {} is out of its pool until the pools are next rebuilt", code, bookId);
        }
    }
}
