package dev.couponbook.server.verify;

import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeStatus;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.query.readmodel.CouponStanding;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where every book, code and coupon stands according to the event history alone, folded
 * without any projection's code so that the read models and the pools can be held against it;
 * only the status rule ({@link CouponStanding}) is shared, as it is the definition both apply.
 * Holds one small record per code: about 150 bytes each, so 150 MB for 10^6 codes.
 */
final class EventRecount {

    /** Event types that change what the recount tracks; all others are skipped without being deserialised. */
    static final Set<Class<?>> COUNTED = Set.of(CouponBookCreated.class, CodesUploaded.class, CodeChunkGenerated.class,
            CouponAssigned.class, CouponLocked.class, CouponLockExtended.class, CouponUnlocked.class, CouponLockExpired.class,
            CouponRedeemed.class, CouponRedemptionReversed.class, CouponActionRejected.class, CodeDisabled.class,
            CodeEnabled.class);

    /** One code as the history leaves it. */
    static final class CodeTally {
        final String code;
        final String bookId;
        String userId;
        String lockId;
        Instant lockedUntil;
        int redemptions;
        /** The code's own expiry, from its batch; an assignment drops a free code past it from the pool. */
        Instant expiresAt;
        boolean disabled;

        CodeTally(String code, String bookId) {
            this.code = code;
            this.bookId = bookId;
        }

        /** Whether the pool should hold the code at {@code now}: free, enabled and not past its own expiry (such a code may also linger there). */
        boolean pooledAt(Instant now) {
            return userId == null && !disabled && (expiresAt == null || now.isBefore(expiresAt));
        }

        CodeStatus status() {
            return new CouponStanding(userId != null, lockId != null, redemptions).codeStatus();
        }
    }

    /** One book's codes and the counters that are not a property of a single code. */
    static final class BookTally {
        final Map<String, CodeTally> codes = new HashMap<>();
        long codesRecorded;
        long lockExpiries;
        long rejections;
        long transactions;

        long assigned() {
            return codes.values().stream().filter(code -> code.userId != null).count();
        }

        long locked() {
            return codes.values().stream().filter(code -> code.lockId != null).count();
        }

        long redeemed() {
            return codes.values().stream().filter(code -> code.redemptions > 0).count();
        }

        long redemptions() {
            return codes.values().stream().mapToLong(code -> code.redemptions).sum();
        }
    }

    private final Predicate<String> inScope;
    private final Map<String, BookTally> books = new LinkedHashMap<>();
    private final Map<String, CodeTally> codes = new HashMap<>();
    private long events;
    private long transactionsWithoutBook;

    /** Recounts the books {@code inScope} accepts; the others' events are read and ignored. */
    EventRecount(Predicate<String> inScope) {
        this.inScope = inScope;
    }

    /** Counts an event read from the history, whether or not it is one the recount folds. */
    void read() {
        events++;
    }

    void accept(Object payload) {
        if (payload instanceof CouponBookCreated created) {
            if (inScope.test(created.bookId())) {
                book(created.bookId());
            }
        } else if (payload instanceof CodesUploaded uploaded) {
            addCodes(uploaded.bookId(), uploaded.codes(), code -> {
                CodeDetails details = uploaded.details().get(code);
                return details == null ? null : details.expiresAt();
            });
        } else if (payload instanceof CodeChunkGenerated generated) {
            addCodes(generated.bookId(), generated.codes(), code -> generated.expiresAt());
        } else if (payload instanceof CodeDisabled disabled) {
            switchCode(disabled.code(), true);
        } else if (payload instanceof CodeEnabled enabled) {
            switchCode(enabled.code(), false);
        } else if (payload instanceof CouponAssigned assigned) {
            coupon(assigned.bookId(), assigned.code(), code -> code.userId = assigned.userId());
        } else if (payload instanceof CouponLocked locked) {
            coupon(locked.bookId(), locked.code(), code -> {
                code.lockId = locked.lockId();
                code.lockedUntil = locked.lockedUntil();
            });
        } else if (payload instanceof CouponLockExtended extended) {
            coupon(extended.bookId(), extended.code(), code -> code.lockedUntil = extended.lockedUntil());
        } else if (payload instanceof CouponUnlocked unlocked) {
            coupon(unlocked.bookId(), unlocked.code(), EventRecount::release);
        } else if (payload instanceof CouponLockExpired expired) {
            coupon(expired.bookId(), expired.code(), code -> {
                release(code);
                book(expired.bookId()).lockExpiries++;
            });
        } else if (payload instanceof CouponRedeemed redeemed) {
            coupon(redeemed.bookId(), redeemed.code(), code -> {
                release(code);
                code.redemptions = redeemed.redemptionNumber();
            });
        } else if (payload instanceof CouponRedemptionReversed reversed) {
            coupon(reversed.bookId(), reversed.code(), code -> code.redemptions = reversed.redemptionsInEffect());
        } else if (payload instanceof CouponActionRejected rejected) {
            if (rejected.bookId() == null) {
                transactionsWithoutBook++;
            } else if (inScope.test(rejected.bookId())) {
                BookTally book = book(rejected.bookId());
                book.rejections++;
                book.transactions++;
            }
        }
    }

    long events() {
        return events;
    }

    Map<String, BookTally> books() {
        return books;
    }

    CodeTally code(String code) {
        return codes.get(code);
    }

    Collection<CodeTally> allCodes() {
        return codes.values();
    }

    /** Transaction-log entries the history implies: one per coupon event and per refusal. */
    long transactions(boolean wholeStore) {
        long perBook = books.values().stream().mapToLong(book -> book.transactions).sum();
        return wholeStore ? perBook + transactionsWithoutBook : perBook;
    }

    private BookTally book(String bookId) {
        return books.computeIfAbsent(bookId, id -> new BookTally());
    }

    /** Not a coupon action, so no transaction: only the code's flag changes. */
    private void switchCode(String code, boolean disabled) {
        CodeTally tally = codes.get(code);
        if (tally != null) {
            tally.disabled = disabled;
        }
    }

    private void addCodes(String bookId, List<String> added, Function<String, Instant> expiries) {
        if (!inScope.test(bookId)) {
            return;
        }
        BookTally book = book(bookId);
        book.codesRecorded += added.size();
        for (String code : added) {
            CodeTally tally = new CodeTally(code, bookId);
            tally.expiresAt = expiries.apply(code);
            if (codes.putIfAbsent(code, tally) == null) {
                book.codes.put(code, tally);
            }
        }
    }

    private void coupon(String bookId, String code, Consumer<CodeTally> change) {
        if (!inScope.test(bookId)) {
            return;
        }
        BookTally book = book(bookId);
        book.transactions++;
        CodeTally tally = codes.computeIfAbsent(code, c -> {
            CodeTally unknown = new CodeTally(c, bookId);
            book.codes.put(c, unknown);
            return unknown;
        });
        change.accept(tally);
    }

    private static void release(CodeTally code) {
        code.lockId = null;
        code.lockedUntil = null;
    }
}
