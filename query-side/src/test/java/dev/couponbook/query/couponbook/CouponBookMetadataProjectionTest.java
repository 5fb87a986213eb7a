package dev.couponbook.query.couponbook;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.messages.couponbook.FindCouponBook;
import dev.couponbook.messages.couponbook.FindCouponBooks;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The book read model shows a book's metadata as its last event left it. */
class CouponBookMetadataProjectionTest {

    private static final String BOOK = "book-1";
    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");
    private static final CouponBookTerms TERMS = new CouponBookTerms("Summer", null, null, null, null, null, false, null, null, null, null);

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private CouponBookProjection projection;
    private CouponBookQueries queries;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "books");
        projection = new CouponBookProjection(mongo);
        queries = new CouponBookQueries(mongo);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canShowTheMetadataABookWasCreatedWithInItsOrder() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("z-last", "1");
        metadata.put("a.first", "keys with dots stay values, never field names");
        metadata.put("$where", "2");
        projection.on(new CouponBookCreated(BOOK, TERMS, true, metadata), 0, AT);

        assertThat(queries.handle(new FindCouponBook(BOOK)).metadata()).containsExactlyEntriesOf(metadata);
        assertThat(queries.handle(new FindCouponBooks(0, 10)).items().get(0).metadata()).containsExactlyEntriesOf(metadata);
    }

    @Test
    void canReplaceTheMetadataOnAnUpdateAndIgnoreTheUpdateReplayed() {
        projection.on(new CouponBookCreated(BOOK, TERMS, true, Map.of("campaign", "summer")), 0, AT);
        projection.on(new CouponBookUpdated(BOOK, TERMS, Map.of("campaign", "autumn")), 1, AT.plusSeconds(1));
        projection.on(new CouponBookUpdated(BOOK, TERMS, Map.of()), 2, AT.plusSeconds(2));
        projection.on(new CouponBookUpdated(BOOK, TERMS, Map.of("campaign", "autumn")), 1, AT.plusSeconds(1));

        assertThat(queries.handle(new FindCouponBook(BOOK)).metadata()).isEmpty();
    }

    @Test
    void canReadABookWrittenBeforeBooksHadMetadataAsHavingNone() {
        mongo.getCollection("coupon_books").insertOne(new Document("_id", BOOK)
                .append("terms", CouponBookDocuments.terms(TERMS)).append("active", true).append("totalCodes", 0L)
                .append("createdAt", Date.from(AT)).append("updatedAt", Date.from(AT)).append("version", 0L));

        assertThat(queries.handle(new FindCouponBook(BOOK)).metadata()).isEmpty();
    }
}
