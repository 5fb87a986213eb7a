package dev.couponbook.query.code;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.couponbook.CodeStatus;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.query.code.BookCodeDocument.Fields;
import dev.couponbook.query.readmodel.CouponStanding;
import dev.couponbook.query.readmodel.ReadModelBatch;
import dev.couponbook.query.readmodel.SequenceGuard;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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
    private static final Bson LOCKED_BEFORE = Filters.exists(Fields.LOCKED_UNTIL);
    private static final Bson REDEEMED_BEFORE = Filters.gt(Fields.REDEMPTIONS, 0);

    private final MongoCollection<Document> codes;

    public BookCodeProjection(MongoTemplate mongo) {
        this.codes = BookCodeDocument.COLLECTION.in(mongo);
    }

    @EventHandler
    void on(CodeChunkGenerated event) {
        CodeDetails details = event.expiresAt() == null ? CodeDetails.NONE : new CodeDetails(event.expiresAt(), Map.of());
        insertAvailable(event.bookId(), event.codes(), code -> details);
    }

    @EventHandler
    void on(CodesUploaded event) {
        insertAvailable(event.bookId(), event.codes(), code -> event.details().getOrDefault(code, CodeDetails.NONE));
    }

    @EventHandler
    void on(CouponAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, false, 0, Updates.combine(
                Updates.set(Fields.USER_ID, event.userId()),
                Updates.set(Fields.ASSIGNED_AT, Date.from(at)),
                event.expiresAt() == null ? Updates.unset(Fields.EXPIRES_AT) : Updates.set(Fields.EXPIRES_AT, Date.from(event.expiresAt()))));
    }

    @EventHandler
    void on(CodeDisabled event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, Updates.set(Fields.DISABLED, true));
    }

    @EventHandler
    void on(CodeEnabled event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, Updates.unset(Fields.DISABLED));
    }

    @EventHandler
    void on(CouponLocked event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, true, null, Updates.set(Fields.LOCKED_UNTIL, Date.from(event.lockedUntil())));
    }

    @EventHandler
    void on(CouponLockExtended event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, Updates.set(Fields.LOCKED_UNTIL, Date.from(event.lockedUntil())));
    }

    @EventHandler
    void on(CouponUnlocked event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, false, null, Updates.unset(Fields.LOCKED_UNTIL));
    }

    @EventHandler
    void on(CouponLockExpired event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, false, null, Updates.unset(Fields.LOCKED_UNTIL));
    }

    @EventHandler
    void on(CouponRedeemed event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, false, event.redemptionNumber(), Updates.combine(
                Updates.set(Fields.REDEMPTIONS, event.redemptionNumber()),
                Updates.unset(Fields.LOCKED_UNTIL)));
    }

    /** A reversal does not say whether the coupon is locked meanwhile; the stored lock does. */
    @EventHandler
    void on(CouponRedemptionReversed event, @SequenceNumber long sequence) {
        applyOnce(event.code(), sequence, null, event.redemptionsInEffect(),
                Updates.set(Fields.REDEMPTIONS, event.redemptionsInEffect()));
    }

    @ResetHandler
    void reset() {
        codes.deleteMany(new Document());
    }

    private void insertAvailable(String bookId, List<String> batch, Function<String, CodeDetails> details) {
        List<RawBsonDocument> documents = new ArrayList<>(batch.size());
        for (String code : batch) {
            documents.add(BookCodeDocument.available(bookId, code, details.apply(code)));
        }
        try {
            codes.withDocumentClass(RawBsonDocument.class).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /**
     * Applies {@code change} and the status the coupon's facts give afterwards ({@link CouponStanding}).
     * A fact the event does not carry ({@code null}) is the stored one: then one guarded write is
     * sent per status the stored fact can lead to, each matching only the documents with that fact.
     * They are disjoint, and the one that matches advances the version, so the others match nothing.
     */
    private void applyOnce(String code, long sequence, Boolean locked, Integer redemptions, Bson change) {
        Map<CodeStatus, List<Bson>> storedFactsByStatus = new EnumMap<>(CodeStatus.class);
        for (boolean lockedAfter : locked == null ? List.of(true, false) : List.of(locked)) {
            // Only whether redemptions are in effect matters to the status, so 1 stands for "some".
            for (int redemptionsAfter : redemptions == null ? List.of(1, 0) : List.of(redemptions)) {
                List<Bson> stored = new ArrayList<>();
                if (locked == null) {
                    stored.add(lockedAfter ? LOCKED_BEFORE : Filters.not(LOCKED_BEFORE));
                }
                if (redemptions == null) {
                    stored.add(redemptionsAfter > 0 ? REDEEMED_BEFORE : Filters.not(REDEEMED_BEFORE));
                }
                storedFactsByStatus.computeIfAbsent(CouponStanding.held(lockedAfter, redemptionsAfter).codeStatus(),
                        status -> new ArrayList<>()).add(stored.size() == 1 ? stored.get(0) : Filters.and(stored));
            }
        }
        storedFactsByStatus.forEach((status, stored) -> {
            Bson withStatus = Updates.combine(change, Updates.set(Fields.STATUS, status.name()));
            if (storedFactsByStatus.size() == 1) {
                applyOnce(code, sequence, withStatus);
            } else {
                applyOnce(code, sequence, stored.size() == 1 ? stored.get(0) : Filters.or(stored), withStatus);
            }
        });
    }

    private void applyOnce(String code, long sequence, Bson change) {
        ReadModelBatch.current().write(codes, SequenceGuard.applyOnce(code, sequence, change));
    }

    private void applyOnce(String code, long sequence, Bson storedFacts, Bson change) {
        ReadModelBatch.current().write(codes, SequenceGuard.applyOnce(code, sequence, storedFacts, change));
    }
}
