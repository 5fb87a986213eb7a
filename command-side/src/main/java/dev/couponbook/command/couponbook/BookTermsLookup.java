package dev.couponbook.command.couponbook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Reads a book's terms from {@code book_terms} through an in-memory cache: every assignment, lock
 * and redemption needs them. An entry older than {@code couponbook.book-terms.cache-ttl} (default
 * one second) is read again in the background while requests keep getting the old value, so a
 * change made on another instance shows within the ttl and that read, and no request waits on a
 * busy store for a book it already knows. An entry not refreshed for {@link #STALE_LIMIT} (the
 * store unreachable) is dropped. Changes made through this instance evict the entry at once, so the
 * next command reads them; a background read begun before the change is discarded.
 */
@Component
public class BookTermsLookup implements Books {

    static final Duration STALE_LIMIT = Duration.ofMinutes(1);

    private final MongoCollection<Document> books;
    private final ObjectMapper json;
    private final LoadingCache<String, BookState> cache;

    public BookTermsLookup(MongoTemplate mongo, ObjectMapper json,
                           BookTermsProperties settings) {
        Duration ttl = settings.cacheTtl();
        this.books = mongo.getCollection(BookTermsProjection.COLLECTION);
        this.json = json;
        this.cache = Caffeine.newBuilder().refreshAfterWrite(ttl).expireAfterWrite(STALE_LIMIT.plus(ttl))
                .maximumSize(10_000).build(this::load);
    }

    @Override
    public BookState current(String bookId) {
        BookState state = cache.get(bookId);
        if (state == null) {
            throw new DomainException(Refusal.BOOK_NOT_FOUND);
        }
        return state;
    }

    void forget(String bookId) {
        cache.invalidate(bookId);
    }

    private BookState load(String bookId) {
        Document book = books.find(Filters.eq("_id", bookId)).first();
        return book == null ? null
                : new BookState(bookId, read(book.getString("terms"), book.get(BookTermsProjection.TERMS_REVISION) == null),
                book.getBoolean("active", false));
    }

    /** Rows written before {@link LegacyTerms#REVISION} hold the older terms, read as the upcaster reads their events. */
    private CouponBookTerms read(String terms, boolean legacy) {
        try {
            return legacy ? json.treeToValue(LegacyTerms.upcast(json.readTree(terms)), CouponBookTerms.class)
                    : json.readValue(terms, CouponBookTerms.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
