package dev.couponbook.command.code;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Claims codes as globally unique before a batch is recorded in a book. A claim names the batch
 * that made it, so retrying the same batch finds its own claims and goes on instead of refusing
 * its own codes.
 */
public interface CodeRegistry {

    /** Why a code could not be claimed. */
    enum Refusal { USED_BY_THIS_BOOK, USED_BY_ANOTHER_BOOK }

    /** The codes now owned by the batch, in request order, and those refused with the reason. */
    record Claim(List<String> claimed, Map<String, Refusal> refused) {
    }

    /** Claims {@code codes} (distinct among themselves) for {@code batchId} of {@code bookId}. */
    default Claim claim(String bookId, String batchId, List<String> codes) {
        return claim(bookId, batchId, codes, Map.of());
    }

    /**
     * The same, recording with each claim the code's own expiry from {@code expiries} (codes
     * missing there never expire on their own), so the coupon can decide on it at assignment
     * before any read model has seen the batch.
     */
    Claim claim(String bookId, String batchId, List<String> codes, Map<String, Instant> expiries);

    /** The book that owns {@code code}, or null when no book has claimed it. */
    String bookOf(String code);

    /** The expiry claimed with {@code code}, or null when it has none or nobody claimed it. */
    Instant expiryOf(String code);

    /** The batch that claimed each of {@code codes}; codes nobody claimed are left out. */
    Map<String, String> batchesOf(Collection<String> codes);
}
