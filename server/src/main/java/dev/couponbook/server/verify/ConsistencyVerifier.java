package dev.couponbook.server.verify;

import dev.couponbook.command.pool.CodePool;
import dev.couponbook.messages.couponbook.BookCodeView;
import dev.couponbook.messages.couponbook.BookStats;
import dev.couponbook.messages.couponbook.FindBookStats;
import dev.couponbook.messages.coupon.UserCouponView;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.query.code.BookCodeQueries;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.query.stats.BookStatsQueries;
import dev.couponbook.query.transaction.TransactionQueries;
import dev.couponbook.query.usercoupon.UserCouponQueries;
import dev.couponbook.server.role.ConditionalOnRole;
import dev.couponbook.server.verify.ConsistencyReport.Check;
import dev.couponbook.server.verify.ConsistencyReport.Finding;
import dev.couponbook.server.verify.EventRecount.BookTally;
import dev.couponbook.server.verify.EventRecount.CodeTally;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Recounts every book from the event history and holds the read models (stats, per-code
 * export, user coupons, transaction log) and the Redis code pools against it, once every
 * processor of this instance has caught up with the store. Meant for a quiet service (after a
 * soak run, a restore or an incident): events of the checked books arriving during the check
 * are reported, since they make any difference inconclusive.
 */
@Component
@ConditionalOnRole("query")
public class ConsistencyVerifier {

    private static final int MAX_FINDINGS = 100;
    /** A processor that is already caught up answers at once; one that is not still gets a last look. */
    private static final Duration MIN_WAIT = Duration.ofMillis(1);

    private final EventStorageEngine events;
    private final EventProcessingConfiguration processing;
    private final ReadModelStatus readModels;
    private final BookStatsQueries stats;
    private final BookCodeQueries bookCodes;
    private final UserCouponQueries userCoupons;
    private final TransactionQueries transactions;
    private final ObjectProvider<CodePool> pools;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public ConsistencyVerifier(EventStorageEngine events, EventProcessingConfiguration processing, ReadModelStatus readModels,
                               BookStatsQueries stats, BookCodeQueries bookCodes, UserCouponQueries userCoupons,
                               TransactionQueries transactions, ObjectProvider<CodePool> pools, Clock clock) {
        this.events = events;
        this.processing = processing;
        this.readModels = readModels;
        this.stats = stats;
        this.bookCodes = bookCodes;
        this.userCoupons = userCoupons;
        this.transactions = transactions;
        this.pools = pools;
        this.clock = clock;
    }

    /**
     * Checks one book, or all of them when {@code bookId} is null, after waiting up to
     * {@code catchUp} in all for the processors (503 {@code READ_MODEL_BEHIND} when they stay behind).
     * One check runs at a time: it reads the whole history.
     */
    public ConsistencyReport verify(String bookId, Duration catchUp) {
        if (!running.tryLock()) {
            throw new DomainException(Refusal.CONSISTENCY_CHECK_RUNNING);
        }
        try {
            awaitProcessors(catchUp);
            return new Run(bookId).execute();
        } finally {
            running.unlock();
        }
    }

    /** One deadline for all processors, so {@code catchUp} bounds the whole wait, not each processor's. */
    private void awaitProcessors(Duration catchUp) {
        if (catchUp.isZero()) {
            return;
        }
        Instant deadline = clock.instant().plus(catchUp);
        for (String name : processing.eventProcessors().keySet()) {
            Duration left = Duration.between(clock.instant(), deadline);
            readModels.awaitCaughtUp(name, left.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : left);
        }
    }

    /** The state of one check while it runs. */
    private final class Run {
        private final String bookId;
        private final Predicate<String> scope;
        private final EventRecount recount;
        private final List<Check> checks = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private long findingCount;
        private final Instant now = clock.instant();

        Run(String bookId) {
            this.bookId = bookId;
            this.scope = book -> bookId == null || bookId.equals(book);
            this.recount = new EventRecount(scope);
        }

        /**
         * Feeds the events stored after {@code from} (all when null) that the recount needs into
         * {@code into}, and returns the position after the last one read.
         */
        private TrackingToken fold(TrackingToken from, EventRecount into) {
            TrackingToken[] last = {from};
            try (Stream<? extends TrackedEventMessage<?>> history = events.readEvents(from, false)) {
                history.forEach(event -> {
                    last[0] = event.trackingToken();
                    into.read();
                    if (EventRecount.COUNTED.contains(event.getPayloadType())) {
                        into.accept(event.getPayload());
                    }
                });
            }
            return last[0];
        }

        ConsistencyReport execute() {
            TrackingToken readUpTo = fold(null, recount);
            checkDeadLetters();
            checkStats();
            checkBookCodes();
            checkUserCoupons();
            checkTransactions();
            checkPools();
            EventRecount arrivedMeanwhile = new EventRecount(scope);
            fold(readUpTo, arrivedMeanwhile);
            boolean changed = !arrivedMeanwhile.books().isEmpty() || arrivedMeanwhile.transactions(bookId == null) > 0;
            boolean clean = checks.stream().allMatch(check -> check.mismatches() == 0 && check.skipped() == null);
            long codes = recount.books().values().stream().mapToLong(book -> book.codes.size()).sum();
            return new ConsistencyReport(clean && !changed, bookId == null ? "all books" : "book " + bookId, now,
                    recount.events(), changed, recount.books().size(), codes, checks, findings, findingCount > findings.size());
        }

        /** Parked events are known differences: their read models lack them until they are retried. */
        private void checkDeadLetters() {
            long parked = 0;
            long processors = 0;
            for (String name : processing.eventProcessors().keySet()) {
                processors++;
                long sequences = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::amountOfSequences).orElse(0L);
                if (sequences > 0) {
                    parked++;
                    differ("dead-letters", name, "parked sequences", "0", String.valueOf(sequences));
                }
            }
            checks.add(new Check("dead-letters", processors, parked, null));
        }

        private void checkStats() {
            long mismatches = 0;
            for (Map.Entry<String, BookTally> entry : recount.books().entrySet()) {
                BookTally book = entry.getValue();
                BookStats stored = stats.handle(new FindBookStats(entry.getKey()));
                if (stored == null) {
                    mismatches += differ("book-stats", entry.getKey(), "book", "present", "missing");
                    continue;
                }
                long codes = book.codes.size();
                long assigned = book.assigned();
                mismatches += compare("book-stats", entry.getKey(), "totalCodes", codes, stored.totalCodes())
                        + compare("book-stats", entry.getKey(), "available", codes - assigned, stored.available())
                        + compare("book-stats", entry.getKey(), "assigned", assigned, stored.assigned())
                        + compare("book-stats", entry.getKey(), "locked", book.locked(), stored.locked())
                        + compare("book-stats", entry.getKey(), "redeemed", book.redeemed(), stored.redeemed())
                        + compare("book-stats", entry.getKey(), "redemptions", book.redemptions(), stored.redemptions())
                        + compare("book-stats", entry.getKey(), "lockExpiries", book.lockExpiries, stored.lockExpiries())
                        + compare("book-stats", entry.getKey(), "rejections", book.rejections, stored.rejections());
                if (book.codesRecorded != codes) {
                    mismatches += differ("book-stats", entry.getKey(), "codes recorded in the history",
                            codes + " distinct", String.valueOf(book.codesRecorded));
                }
            }
            checks.add(new Check("book-stats", recount.books().size(), mismatches, null));
        }

        private void checkBookCodes() {
            long[] counts = new long[2];
            Instant now = clock.instant();
            for (Map.Entry<String, BookTally> entry : recount.books().entrySet()) {
                Set<String> seen = new HashSet<>();
                bookCodes.forEach(entry.getKey(), view -> {
                    counts[0]++;
                    seen.add(view.code());
                    counts[1] += compareCode(entry.getValue().codes.get(view.code()), view);
                });
                for (String code : entry.getValue().codes.keySet()) {
                    if (!seen.contains(code)) {
                        counts[0]++;
                        counts[1] += differ("book-codes", code, "code", "present", "missing");
                    }
                }
            }
            checks.add(new Check("book-codes", counts[0], counts[1], null));
        }

        private long compareCode(CodeTally expected, BookCodeView stored) {
            if (expected == null) {
                return differ("book-codes", stored.code(), "code", "absent", "present");
            }
            int differences = compare("book-codes", stored.code(), "status", expected.status(), stored.status())
                    + compare("book-codes", stored.code(), "userId", expected.userId, stored.userId())
                    + compare("book-codes", stored.code(), "redemptions", expected.redemptions, stored.redemptions());
            return differences == 0 ? 0 : 1;
        }

        private void checkUserCoupons() {
            long[] counts = new long[2];
            Set<String> seen = new HashSet<>();
            userCoupons.forEach(bookId, now, view -> {
                counts[0]++;
                seen.add(view.code());
                counts[1] += compareCoupon(recount.code(view.code()), view);
            });
            for (CodeTally code : recount.allCodes()) {
                if (code.userId != null && !seen.contains(code.code)) {
                    counts[0]++;
                    counts[1] += differ("user-coupons", code.code, "coupon", "present", "missing");
                }
            }
            checks.add(new Check("user-coupons", counts[0], counts[1], null));
        }

        private long compareCoupon(CodeTally expected, UserCouponView stored) {
            if (expected == null || expected.userId == null) {
                return differ("user-coupons", stored.code(), "coupon", "absent", "present");
            }
            String lockId = expected.lockedUntil != null && expected.lockedUntil.isAfter(now) ? expected.lockId : null;
            int differences = compare("user-coupons", stored.code(), "userId", expected.userId, stored.userId())
                    + compare("user-coupons", stored.code(), "bookId", expected.bookId, stored.bookId())
                    + compare("user-coupons", stored.code(), "redemptionCount", expected.redemptions, stored.redemptionCount())
                    + compare("user-coupons", stored.code(), "lockId", lockId, stored.lockId());
            return differences == 0 ? 0 : 1;
        }

        private void checkTransactions() {
            long expected = recount.transactions(bookId == null);
            long stored = transactions.count(bookId);
            checks.add(new Check("transactions", expected, compare("transactions", bookId == null ? "all books" : bookId,
                    "entries", expected, stored), null));
        }

        private void checkPools() {
            CodePool pool = pools.getIfAvailable();
            if (pool == null) {
                checks.add(new Check("code-pools", 0, 0, "this instance does not run the command role"));
                return;
            }
            if (pool.rebuilding()) {
                checks.add(new Check("code-pools", 0, 0, "the pools are being rebuilt from the history"));
                return;
            }
            long[] counts = new long[2];
            for (Map.Entry<String, BookTally> entry : recount.books().entrySet()) {
                Set<String> pooled = new HashSet<>();
                pool.forEach(entry.getKey(), pooled::add);
                for (String code : pooled) {
                    counts[0]++;
                    CodeTally tally = entry.getValue().codes.get(code);
                    if (tally == null) {
                        counts[1] += differ("code-pools", code, "pooled code", "a code of book " + entry.getKey(), "unknown");
                    } else if (tally.userId != null) {
                        counts[1] += differ("code-pools", code, "pooled code", "free", "assigned");
                    } else if (tally.disabled) {
                        counts[1] += differ("code-pools", code, "pooled code", "enabled", "disabled");
                    }
                }
                for (Map.Entry<String, CodeTally> code : entry.getValue().codes.entrySet()) {
                    if (code.getValue().pooledAt(now) && !pooled.contains(code.getKey())) {
                        counts[0]++;
                        counts[1] += differ("code-pools", code.getKey(), "free code", "in the pool", "missing");
                    }
                }
            }
            checks.add(new Check("code-pools", counts[0], counts[1], null));
        }

        private int compare(String check, String subject, String field, Object expected, Object actual) {
            return Objects.equals(expected, actual) ? 0 : differ(check, subject, field, String.valueOf(expected), String.valueOf(actual));
        }

        private int differ(String check, String subject, String field, String expected, String actual) {
            findingCount++;
            if (findings.size() < MAX_FINDINGS) {
                findings.add(new Finding(check, subject, field, expected, actual));
            }
            return 1;
        }
    }
}
