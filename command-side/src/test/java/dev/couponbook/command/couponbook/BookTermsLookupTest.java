package dev.couponbook.command.couponbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Requests never wait for a book's terms to be read again: past the ttl they get the known terms
 * while the store is read in the background; a change made through this instance is read by the
 * next request.
 */
class BookTermsLookupTest {

    private static final Duration TTL = Duration.ofMillis(20);
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final AtomicReference<Document> stored = new AtomicReference<>();
    private volatile CountDownLatch storeAnswers = new CountDownLatch(0);

    @Test
    void canAnswerFromTheKnownTermsWhileTheStoreIsReadAgain() throws Exception {
        BookTermsLookup lookup = lookup();
        stored.set(book("Old name"));
        assertThat(lookup.current("book").terms().name()).isEqualTo("Old name");
        stored.set(book("New name"));
        storeAnswers = new CountDownLatch(1);
        Thread.sleep(TTL.multipliedBy(3).toMillis());

        // the store does not answer until the latch opens: a request waiting for it would not return
        ExecutorService request = Executors.newSingleThreadExecutor();
        String answered;
        try {
            answered = request.submit(() -> lookup.current("book").terms().name()).get(30, TimeUnit.SECONDS);
        } finally {
            request.shutdownNow();
        }

        assertThat(answered).isEqualTo("Old name");
        storeAnswers.countDown();
        while (!lookup.current("book").terms().name().equals("New name")) {
            Thread.sleep(5);
        }
    }

    @Test
    void canReadAChangeMadeThroughThisInstanceAtTheNextRequest() throws Exception {
        BookTermsLookup lookup = lookup();
        stored.set(book("Old name"));
        assertThat(lookup.current("book").terms().name()).isEqualTo("Old name");
        stored.set(book("New name"));

        lookup.forget("book");

        assertThat(lookup.current("book").terms().name()).isEqualTo("New name");
    }

    @Test
    void canReadTodaysTermsAsWritten() {
        stored.set(bookOfShape(LegacyTerms.REVISION));

        CouponBookTerms terms = lookup().current("book").terms();

        assertThat(terms.maxRedemptionsPerUser()).isEqualTo(3);
        assertThat(terms.maxRedemptionsPerCode()).isNull();
    }

    @Test
    void canReadARowWrittenBeforeThePerUserLimitAsTheSamePerCodeLimit() {
        stored.set(bookOfShape(null));

        CouponBookTerms terms = lookup().current("book").terms();

        assertThat(terms.maxRedemptionsPerUser()).isNull();
        assertThat(terms.maxRedemptionsPerCode()).isEqualTo(3);
        assertThat(terms.redemptionsAllowedPerCoupon()).isEqualTo(3);
    }

    private static Document bookOfShape(Integer revision) {
        Document book = new Document("_id", "book").append("active", true).append("terms",
                "{\"name\":\"Old\",\"maxRedemptionsPerUser\":3,\"allowMultipleRedemptions\":true}");
        return revision == null ? book : book.append(BookTermsProjection.TERMS_REVISION, revision);
    }

    @SuppressWarnings("unchecked")
    private BookTermsLookup lookup() {
        MongoTemplate mongo = mock(MongoTemplate.class);
        MongoCollection<Document> books = mock(MongoCollection.class);
        FindIterable<Document> found = mock(FindIterable.class);
        when(mongo.getCollection(BookTermsProjection.COLLECTION)).thenReturn(books);
        when(books.find(any(Bson.class))).thenReturn(found);
        when(found.first()).thenAnswer(invocation -> {
            storeAnswers.await();
            return stored.get();
        });
        return new BookTermsLookup(mongo, json, new BookTermsProperties(TTL));
    }

    private Document book(String name) throws Exception {
        CouponBookTerms terms = new CouponBookTerms(name, null, null, null, null, 3, false, null, null, null, null);
        return new Document("_id", "book").append("terms", json.writeValueAsString(terms)).append("active", true)
                .append(BookTermsProjection.TERMS_REVISION, LegacyTerms.REVISION);
    }
}
