package dev.couponbook.query.code;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeStatus;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.query.readmodel.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Keeps one document per code in {@code book_codes}, so a book's codes can be exported in code
 * order without loading them. A batch's codes are inserted when it joins the book (a repeated
 * insert meets the primary key and is ignored); the coupon's own events then move its status,
 * each update guarded by the event's sequence number in the coupon's stream and sent with the
 * batch's other writes.
 */
@Component
@ProcessingGroup(BookCodeProjection.PROCESSING_GROUP)
public class BookCodeProjection {

    public static final String PROCESSING_GROUP = "book-codes";
    static final String COLLECTION = "book_codes";
    private static final long NO_COUPON_EVENT_YET = -1L;
    private static final Bson UNLOCKED = Updates.combine(
            Updates.set("status", CodeStatus.ASSIGNED.name()), Updates.unset("lockedUntil"));
    private static final Bson RELEASED_AFTER_REDEMPTION = Updates.combine(
            Updates.set("status", CodeStatus.REDEEMED.name()), Updates.unset("lockedUntil"));

    private final MongoCollection<Document> codes;

    public BookCodeProjection(MongoTemplate mongo) {
        this.codes = mongo.getCollection(COLLECTION);
        codes.createIndex(Indexes.ascending("bookId", "_id"), new IndexOptions().name("bookId_code"));
    }

    @EventHandler
    void on(CodeChunkGenerated event) {
        insertAvailable(event.bookId(), event.codes());
    }

    @EventHandler
    void on(CodesUploaded event) {
        insertAvailable(event.bookId(), event.codes());
    }

    @EventHandler
    void on(CouponAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, Updates.combine(
                Updates.set("status", CodeStatus.ASSIGNED.name()),
                Updates.set("userId", event.userId()),
                Updates.set("assignedAt", Date.from(at))));
    }

    @EventHandler
    void on(CouponLocked event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, Updates.combine(
                Updates.set("status", CodeStatus.LOCKED.name()),
                Updates.set("lockedUntil", Date.from(event.lockedUntil()))));
    }

    @EventHandler
    void on(CouponLockExtended event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, Updates.set("lockedUntil", Date.from(event.lockedUntil())));
    }

    @EventHandler
    void on(CouponUnlocked event, @SequenceNumber long sequence) {
        release(event.code(), sequence);
    }

    @EventHandler
    void on(CouponLockExpired event, @SequenceNumber long sequence) {
        release(event.code(), sequence);
    }

    @EventHandler
    void on(CouponRedeemed event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, Updates.combine(
                Updates.set("status", CodeStatus.REDEEMED.name()),
                Updates.set("redemptions", event.redemptionNumber()),
                Updates.unset("lockedUntil")));
    }

    /** A code left with no redemption in effect is ASSIGNED again, unless it is locked meanwhile. */
    @EventHandler
    void on(CouponRedemptionReversed event, @SequenceNumber long sequence) {
        if (event.redemptionsInEffect() == 0) {
            ReadModelBatch.current().write(codes, new UpdateOneModel<>(
                    Filters.and(Filters.eq("_id", event.code()), Filters.lt("version", sequence),
                            Filters.eq("status", CodeStatus.REDEEMED.name())),
                    Updates.combine(Updates.set("status", CodeStatus.ASSIGNED.name()), Updates.set("redemptions", 0),
                            Updates.set("version", sequence))));
        }
        applyOnce(event.code(), sequence, Updates.set("redemptions", event.redemptionsInEffect()));
    }

    @ResetHandler
    void reset() {
        codes.deleteMany(new Document());
    }

    private void insertAvailable(String bookId, List<String> batch) {
        List<Document> documents = new ArrayList<>(batch.size());
        for (String code : batch) {
            documents.add(new Document("_id", code).append("bookId", bookId)
                    .append("status", CodeStatus.AVAILABLE.name()).append("version", NO_COUPON_EVENT_YET));
        }
        try {
            codes.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /**
     * A released lock leaves the code REDEEMED when it was redeemed before (books that allow
     * several redemptions), else ASSIGNED. The first update advances the version when it
     * matches, so the second, sent after it in the same ordered batch, then matches nothing.
     */
    private void release(String code, long sequence) {
        ReadModelBatch.current().write(codes, new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", code), Filters.lt("version", sequence), Filters.gt("redemptions", 0)),
                Updates.combine(RELEASED_AFTER_REDEMPTION, Updates.set("version", sequence))));
        applyOnce(code, sequence, UNLOCKED);
    }

    private void applyOnce(String code, long sequence, Bson change) {
        ReadModelBatch.current().write(codes, new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", code), Filters.lt("version", sequence)),
                Updates.combine(change, Updates.set("version", sequence))));
    }
}
