package dev.couponbook.command.assignment;

import dev.couponbook.command.CommandRetry;
import dev.couponbook.command.code.CodeRegistry;
import dev.couponbook.command.code.CodeRules;
import dev.couponbook.command.coupon.Rejections;
import dev.couponbook.command.couponbook.BookIds;
import dev.couponbook.command.couponbook.BookState;
import dev.couponbook.command.couponbook.Books;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.coupon.AssignFreeCoupon;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.couponbook.IsGenerationUnderWay;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ReleaseCouponSlot;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Assignment requests: the book must be open, then one command, {@link AssignFreeCoupon} or
 * {@link AssignCoupon}, which {@link CouponAssignment} decides in one unit of work. A lost write
 * race is run again as a new assignment; an attempt that failed other than by a refusal first gives
 * back its wallet slot in case its append was stored only in part (without transactions).
 */
@Service
public class AssignmentService {

    private static final Logger log = LoggerFactory.getLogger(AssignmentService.class);
    /** Why a slot was given back: its coupon was not created under it. */
    static final String NOT_ASSIGNED = "NOT_ASSIGNED";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(1);

    private final CommandRetry retrying;
    private final QueryGateway queries;
    private final Books books;
    private final CodeRegistry registry;
    private final Rejections rejections;
    private final Clock clock;

    public AssignmentService(CommandRetry retrying, QueryGateway queries, Books books, CodeRegistry registry,
                             Rejections rejections, Clock clock) {
        this.retrying = retrying;
        this.queries = queries;
        this.books = books;
        this.registry = registry;
        this.rejections = rejections;
        this.clock = clock;
    }

    /** Gives {@code userId} a random free code of the book. */
    public Assignment assignRandom(String bookId, String userId) {
        // A refusal names the book only once it is known to exist: no phantom book in any read model.
        return rejections.recorded(CouponAction.ASSIGN, null, userId, attempt -> {
            BookState book = books.current(BookIds.valid(bookId));
            attempt.book(book.bookId());
            String code;
            try {
                code = retrying.send(() -> new AssignFreeCoupon(book.bookId(), userId, UUID.randomUUID().toString()),
                        failed -> release(book.bookId(), userId, ((AssignFreeCoupon) failed).assignmentId()));
            } catch (RuntimeException e) {
                if (Causes.refusal(e).filter(refused -> refused.refusal() == Refusal.NO_CODES_AVAILABLE).isPresent()) {
                    throw noCodes(book.bookId());
                }
                throw e;
            }
            return new Assignment(code, book.bookId(), userId, clock.instant());
        });
    }

    /** Gives {@code userId} this very code. */
    public Assignment assignCode(String code, String userId) {
        return rejections.recorded(CouponAction.ASSIGN, CodeRules.valid(code) ? code : null, userId, attempt -> {
            String bookId = attempt.book(CodeRules.valid(code) ? registry.bookOf(code) : null);
            if (bookId == null) {
                throw new DomainException(Refusal.COUPON_NOT_FOUND, "no coupon book has this code");
            }
            retrying.send(() -> new AssignCoupon(code, bookId, userId, UUID.randomUUID().toString()),
                    failed -> release(bookId, userId, ((AssignCoupon) failed).assignmentId()));
            return new Assignment(code, bookId, userId, clock.instant());
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

    /** Gives back the slot of a failed attempt if its wallet event was stored without the coupon's. */
    private void release(String bookId, String userId, String assignmentId) {
        try {
            retrying.send(new ReleaseCouponSlot(bookId, userId, assignmentId, NOT_ASSIGNED));
        } catch (RuntimeException e) {
            if (Causes.find(e, AggregateNotFoundException.class).isPresent()) {
                return;
            }
            log.warn("Slot of assignment {} could not be checked; if its coupon was not created, the wallet counts one code too many: {}",
                    assignmentId, e.getMessage());
        }
    }
}
