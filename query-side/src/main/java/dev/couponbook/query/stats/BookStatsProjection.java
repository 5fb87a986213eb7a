package dev.couponbook.query.stats;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.query.readmodel.ReadModelBatch;
import dev.couponbook.query.stats.BookStatsDocuments.BookFields;
import dev.couponbook.query.stats.BookStatsDocuments.BucketFields;
import dev.couponbook.query.readmodel.SequenceGuard;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Keeps the counters of each book, all derived from events alone so a replay rebuilds the same
 * numbers. A counter fed by many coupon streams cannot be guarded by one sequence number, and
 * without multi-document transactions a guard must live in the document it protects. So each
 * book's counters are split over up to {@value #BUCKET_COUNT} bucket documents in
 * {@code book_stats_buckets}, a coupon always counting in the same bucket; a bucket stores the
 * last sequence number it counted of each of its coupons ({@code seen}) and of each rejection's
 * event id, and every change checks and advances that mark in the same atomic update as the
 * counters, one upsert that also creates the bucket on its first count. A repeated or replayed
 * event therefore changes nothing. Book-level counts (codes) live in {@code book_stats}, guarded by
 * the book stream's sequence number. The queries add the buckets up.
 */
@Component
@ProcessingGroup(BookStatsProjection.PROCESSING_GROUP)
public class BookStatsProjection {

    public static final String PROCESSING_GROUP = "book-stats";
    /** Enough to keep a bucket of a million-code book at a few hundred coupons, few enough to add up quickly. */
    static final int BUCKET_COUNT = 4096;

    private final MongoTemplate mongo;
    private final MongoCollection<Document> books;
    private final MongoCollection<Document> buckets;

    public BookStatsProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.books = BookStatsDocuments.BOOKS.in(mongo);
        this.buckets = BookStatsDocuments.BUCKETS.in(mongo);
    }

    @EventHandler
    void on(CouponBookCreated event, @SequenceNumber long sequence) {
        ReadModelBatch.current().write(books, new UpdateOneModel<>(Filters.eq("_id", event.bookId()),
                Updates.combine(Updates.setOnInsert(BookFields.TOTAL_CODES, 0L),
                        Updates.setOnInsert(BookFields.MAX_REDEMPTIONS_TOTAL, event.terms().maxRedemptionsTotal()),
                        SequenceGuard.createdBy(sequence)),
                new UpdateOptions().upsert(true)));
    }

    @EventHandler
    void on(CouponBookUpdated event, @SequenceNumber long sequence) {
        ReadModelBatch.current().write(books, SequenceGuard.applyOnce(event.bookId(), sequence,
                Updates.set(BookFields.MAX_REDEMPTIONS_TOTAL, event.terms().maxRedemptionsTotal())));
    }

    @EventHandler
    void on(CodesUploaded event, @SequenceNumber long sequence) {
        addCodes(event.bookId(), sequence, event.codes().size());
    }

    @EventHandler
    void on(CodeChunkGenerated event, @SequenceNumber long sequence) {
        addCodes(event.bookId(), sequence, event.codes().size());
    }

    @EventHandler
    void on(CouponAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        countOnce(event.bookId(), event.code(), sequence, Updates.inc(BucketFields.ASSIGNED, 1L), daily(at, BucketFields.DAILY_ASSIGNMENTS));
    }

    @EventHandler
    void on(CouponLocked event, @SequenceNumber long sequence) {
        countOnce(event.bookId(), event.code(), sequence, Updates.inc(BucketFields.LOCKED, 1L));
    }

    @EventHandler
    void on(CouponUnlocked event, @SequenceNumber long sequence) {
        countOnce(event.bookId(), event.code(), sequence, Updates.inc(BucketFields.LOCKED, -1L));
    }

    @EventHandler
    void on(CouponLockExpired event, @SequenceNumber long sequence) {
        countOnce(event.bookId(), event.code(), sequence, Updates.inc(BucketFields.LOCKED, -1L), Updates.inc(BucketFields.LOCK_EXPIRIES, 1L));
    }

    /** A redemption consumes the lock it used. */
    @EventHandler
    void on(CouponRedeemed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        List<Bson> changes = new ArrayList<>(List.of(Updates.inc(BucketFields.LOCKED, -1L), Updates.inc(BucketFields.REDEMPTIONS, 1L),
                daily(at, BucketFields.DAILY_REDEMPTIONS)));
        if (event.redemptionNumber() == 1) {
            changes.add(Updates.inc(BucketFields.REDEEMED, 1L));
        }
        countOnce(event.bookId(), event.code(), sequence, changes.toArray(Bson[]::new));
    }

    /** Redemptions count net of reversals; a coupon left with none in effect no longer counts as redeemed. */
    @EventHandler
    void on(CouponRedemptionReversed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        List<Bson> changes = new ArrayList<>(List.of(Updates.inc(BucketFields.REDEMPTIONS, -1L), Updates.inc(BucketFields.REVERSALS, 1L),
                daily(at, BucketFields.DAILY_REVERSALS)));
        if (event.redemptionsInEffect() == 0) {
            changes.add(Updates.inc(BucketFields.REDEEMED, -1L));
        }
        countOnce(event.bookId(), event.code(), sequence, changes.toArray(Bson[]::new));
    }

    @EventHandler
    void on(CouponActionRejected event, EventMessage<?> message) {
        if (event.bookId() == null) {
            return;
        }
        String mark = BucketFields.REJECTED + "." + message.getIdentifier();
        ReadModelBatch.current().upsertUnlessApplied(buckets,
                Filters.and(bucket(event.bookId(), message.getIdentifier()), Filters.exists(mark, false)),
                Updates.combine(Updates.set(mark, true), Updates.inc(BucketFields.REJECTIONS, 1L),
                        Updates.setOnInsert(BucketFields.BOOK_ID, event.bookId())));
    }

    @ResetHandler
    void reset() {
        books.drop();
        buckets.drop();
        BookStatsDocuments.BUCKETS.ensureIndexes(mongo);
    }

    private void addCodes(String bookId, long sequence, int codes) {
        ReadModelBatch.current().write(books, SequenceGuard.applyOnce(bookId, sequence, Updates.inc(BookFields.TOTAL_CODES, (long) codes)));
    }

    private void countOnce(String bookId, String code, long sequence, Bson... changes) {
        String mark = BucketFields.SEEN + "." + fieldName(code);
        List<Bson> updates = new ArrayList<>(List.of(changes));
        updates.add(SequenceGuard.counted(mark, sequence));
        updates.add(Updates.setOnInsert(BucketFields.BOOK_ID, bookId));
        ReadModelBatch.current().upsertUnlessApplied(buckets,
                Filters.and(bucket(bookId, code), SequenceGuard.notYetCounted(mark, sequence)), Updates.combine(updates));
    }

    private static Bson bucket(String bookId, String key) {
        return Filters.eq("_id", bookId + "#" + Math.floorMod(key.hashCode(), BUCKET_COUNT));
    }

    private static Bson daily(Instant at, String counter) {
        return Updates.inc(BucketFields.DAILY + "." + LocalDate.ofInstant(at, ZoneOffset.UTC) + "." + counter, 1L);
    }

    /** Codes may contain characters that Mongo reads as path operators; hex keeps them literal. */
    private static String fieldName(String code) {
        return HexFormat.of().formatHex(code.getBytes(StandardCharsets.UTF_8));
    }
}
