package dev.couponbook.query.stats;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.couponbook.query.readmodel.ReadModelCollection;

import java.util.List;

/**
 * The stored shape of {@code book_stats} and {@code book_stats_buckets}, written by
 * {@link BookStatsProjection} and read by {@link BookStatsQueries}: the collections, the bucket
 * index, and the field names (as docs/read-models.md lists them), in this one place.
 */
public final class BookStatsDocuments {

    static final ReadModelCollection BOOKS = new ReadModelCollection("book_stats", List.of());
    public static final ReadModelCollection BUCKETS = new ReadModelCollection("book_stats_buckets", List.of(
            new IndexModel(Indexes.ascending(BucketFields.BOOK_ID), new IndexOptions().name("bookId"))));

    /** A book's own document: the codes it holds, guarded by the book stream's sequence number. */
    static final class BookFields {
        static final String TOTAL_CODES = "totalCodes";
        static final String MAX_REDEMPTIONS_TOTAL = "maxRedemptionsTotal";

        private BookFields() {
        }
    }

    /** A bucket's counters, per-coupon and per-rejection marks, and daily counts. */
    static final class BucketFields {
        static final String BOOK_ID = "bookId";
        static final String ASSIGNED = "assigned";
        static final String LOCKED = "locked";
        static final String REDEEMED = "redeemed";
        static final String REDEMPTIONS = "redemptions";
        static final String REVERSALS = "reversals";
        static final String LOCK_EXPIRIES = "lockExpiries";
        static final String REJECTIONS = "rejections";
        static final List<String> COUNTERS = List.of(ASSIGNED, LOCKED, REDEEMED, REDEMPTIONS, REVERSALS, LOCK_EXPIRIES,
                REJECTIONS);
        /** {@code seen.<hex code>}: the last sequence number counted of each coupon. */
        static final String SEEN = "seen";
        /** {@code rejected.<event id>}: each rejection counted. */
        static final String REJECTED = "rejected";
        /** {@code daily.<yyyy-mm-dd>.<counter>}. */
        static final String DAILY = "daily";
        static final String DAILY_ASSIGNMENTS = "assignments";
        static final String DAILY_REDEMPTIONS = "redemptions";
        static final String DAILY_REVERSALS = "reversals";

        private BucketFields() {
        }
    }

    private BookStatsDocuments() {
    }
}
