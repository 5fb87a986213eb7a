package dev.couponbook.query.couponbook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CouponBookActivated;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookDeactivated;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.query.couponbook.CouponBookDocuments.Fields;
import dev.couponbook.query.readmodel.SequenceGuard;
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
import java.util.Date;

/**
 * Keeps one document per book in {@code coupon_books}. Each update carries the event's sequence
 * number in the book's stream and applies only when it is newer than the document's
 * {@code version}, so a redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup(CouponBookProjection.PROCESSING_GROUP)
public class CouponBookProjection {

    public static final String PROCESSING_GROUP = "coupon-books";

    private final MongoCollection<Document> books;

    public CouponBookProjection(MongoTemplate mongo) {
        this.books = CouponBookDocuments.COLLECTION.in(mongo);
    }

    @EventHandler
    void on(CouponBookCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        books.updateOne(Filters.eq("_id", event.bookId()),
                Updates.combine(
                        Updates.setOnInsert(Fields.TERMS, CouponBookDocuments.terms(event.terms())),
                        Updates.setOnInsert(Fields.ACTIVE, event.active()),
                        Updates.setOnInsert(Fields.METADATA, CouponBookDocuments.metadata(event.metadata())),
                        Updates.setOnInsert(Fields.TOTAL_CODES, 0L),
                        Updates.setOnInsert(Fields.CREATED_AT, Date.from(at)),
                        Updates.setOnInsert(Fields.UPDATED_AT, Date.from(at)),
                        SequenceGuard.createdBy(sequence)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(CouponBookUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.combine(
                Updates.set(Fields.TERMS, CouponBookDocuments.terms(event.terms())),
                Updates.set(Fields.METADATA, CouponBookDocuments.metadata(event.metadata()))));
    }

    @EventHandler
    void on(CouponBookActivated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.set(Fields.ACTIVE, true));
    }

    @EventHandler
    void on(CouponBookDeactivated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.set(Fields.ACTIVE, false));
    }

    @EventHandler
    void on(CodesUploaded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.inc(Fields.TOTAL_CODES, (long) event.codes().size()));
    }

    @EventHandler
    void on(CodeChunkGenerated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.inc(Fields.TOTAL_CODES, (long) event.codes().size()));
    }

    @ResetHandler
    void reset() {
        books.deleteMany(new Document());
    }

    private void applyOnce(String bookId, long sequence, Instant at, Bson change) {
        books.updateOne(SequenceGuard.notYetApplied(bookId, sequence),
                SequenceGuard.applied(Updates.combine(change, Updates.set(Fields.UPDATED_AT, Date.from(at))), sequence));
    }
}
