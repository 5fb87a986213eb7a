package dev.couponbook.query.couponbook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CouponBookActivated;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookDeactivated;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
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
    static final String COLLECTION = "coupon_books";

    private final MongoCollection<Document> books;

    public CouponBookProjection(MongoTemplate mongo) {
        this.books = mongo.getCollection(COLLECTION);
        books.createIndex(Indexes.descending("createdAt", "_id"), new IndexOptions().name("createdAt_desc"));
    }

    @EventHandler
    void on(CouponBookCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        books.updateOne(Filters.eq("_id", event.bookId()),
                Updates.combine(
                        Updates.setOnInsert("terms", CouponBookDocuments.terms(event.terms())),
                        Updates.setOnInsert("active", event.active()),
                        Updates.setOnInsert("totalCodes", 0L),
                        Updates.setOnInsert("createdAt", Date.from(at)),
                        Updates.setOnInsert("updatedAt", Date.from(at)),
                        Updates.setOnInsert("version", sequence)),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(CouponBookUpdated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.set("terms", CouponBookDocuments.terms(event.terms())));
    }

    @EventHandler
    void on(CouponBookActivated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.set("active", true));
    }

    @EventHandler
    void on(CouponBookDeactivated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.set("active", false));
    }

    @EventHandler
    void on(CodesUploaded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.inc("totalCodes", (long) event.codes().size()));
    }

    @EventHandler
    void on(CodeChunkGenerated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.bookId(), sequence, at, Updates.inc("totalCodes", (long) event.codes().size()));
    }

    @ResetHandler
    void reset() {
        books.deleteMany(new Document());
    }

    private void applyOnce(String bookId, long sequence, Instant at, Bson change) {
        books.updateOne(Filters.and(Filters.eq("_id", bookId), Filters.lt("version", sequence)),
                Updates.combine(change, Updates.set("version", sequence), Updates.set("updatedAt", Date.from(at))));
    }
}
