package dev.couponbook.command.couponbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.couponbook.CouponBookActivated;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookDeactivated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;

/**
 * Writes each book's terms and active flag to {@code book_terms}, the command side's own view
 * of books (decisions never read the query side). It runs subscribing, inside the unit of work
 * that stored the book's event, so once an admin's change is answered every instance reads it
 * from MongoDB. Updates are guarded by the event's sequence number, so a repeat changes nothing.
 */
@Component
@ProcessingGroup(BookTermsProjection.PROCESSING_GROUP)
public class BookTermsProjection {

    public static final String PROCESSING_GROUP = "book-terms";
    static final String COLLECTION = "book_terms";
    static final String TERMS_REVISION = "termsRevision";

    private final MongoCollection<Document> books;
    private final ObjectMapper json;
    private final BookTermsLookup lookup;

    public BookTermsProjection(MongoTemplate mongo, ObjectMapper json, BookTermsLookup lookup) {
        this.books = mongo.getCollection(COLLECTION);
        this.json = json;
        this.lookup = lookup;
    }

    @EventHandler
    void on(CouponBookCreated event, @SequenceNumber long sequence) {
        books.updateOne(Filters.eq("_id", event.bookId()),
                Updates.combine(Updates.setOnInsert("terms", write(event.terms())),
                        Updates.setOnInsert(TERMS_REVISION, LegacyTerms.REVISION),
                        Updates.setOnInsert("active", event.active()),
                        Updates.setOnInsert("version", sequence)),
                new UpdateOptions().upsert(true));
        lookup.forget(event.bookId());
    }

    @EventHandler
    void on(CouponBookUpdated event, @SequenceNumber long sequence) {
        applyOnce(event.bookId(), sequence, Updates.combine(Updates.set("terms", write(event.terms())),
                Updates.set(TERMS_REVISION, LegacyTerms.REVISION)));
    }

    @EventHandler
    void on(CouponBookActivated event, @SequenceNumber long sequence) {
        applyOnce(event.bookId(), sequence, Updates.set("active", true));
    }

    @EventHandler
    void on(CouponBookDeactivated event, @SequenceNumber long sequence) {
        applyOnce(event.bookId(), sequence, Updates.set("active", false));
    }

    private void applyOnce(String bookId, long sequence, Bson change) {
        books.updateOne(Filters.and(Filters.eq("_id", bookId), Filters.lt("version", sequence)),
                Updates.combine(change, Updates.set("version", sequence)));
        lookup.forget(bookId);
    }

    private String write(CouponBookTerms terms) {
        try {
            return json.writeValueAsString(terms);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
