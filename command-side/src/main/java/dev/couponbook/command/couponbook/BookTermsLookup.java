package dev.couponbook.command.couponbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.NotFound;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Reads a book's terms from {@code book_terms} through a short-lived in-memory cache: every
 * assignment, lock and redemption needs them, and a change made on another instance must show
 * within {@code couponbook.book-terms.cache-ttl} (default one second). Changes made through this
 * instance evict the entry at once.
 */
@Component
public class BookTermsLookup {

    private final MongoCollection<Document> books;
    private final ObjectMapper json;
    private final Cache<String, BookState> cache;

    public BookTermsLookup(MongoTemplate mongo, ObjectMapper json,
                           @Value("${couponbook.book-terms.cache-ttl:1s}") Duration ttl) {
        this.books = mongo.getCollection(BookTermsProjection.COLLECTION);
        this.json = json;
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
    }

    /** The book's current state; {@link NotFound} {@code BOOK_NOT_FOUND} when there is no such book. */
    public BookState get(String bookId) {
        BookState state = cache.get(bookId, this::load);
        if (state == null) {
            throw new NotFound("BOOK_NOT_FOUND", "no coupon book with this id");
        }
        return state;
    }

    void forget(String bookId) {
        cache.invalidate(bookId);
    }

    private BookState load(String bookId) {
        Document book = books.find(Filters.eq("_id", bookId)).first();
        return book == null ? null
                : new BookState(bookId, read(book.getString("terms")), book.getBoolean("active", false));
    }

    private CouponBookTerms read(String terms) {
        try {
            return json.readValue(terms, CouponBookTerms.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
