package dev.couponbook.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transaction log's metadata filter as the query side asks it of {@code transaction_metadata} (one document
 * per pair, {@code pair} a scalar, index {@code pair, at desc, _id desc}) touches only the page it returns, with
 * or without a further filter, however many pairs the collection holds.
 */
class MetadataPairIndexUsageTest {

    private static final int REDEMPTIONS = 20_000;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static EmbeddedMongoServer server;
    private static MongoClient client;
    private static MongoCollection<Document> pairs;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.inMemory();
        client = MongoClients.create(server.connectionString("usage"));
        pairs = client.getDatabase("usage").getCollection("transaction_metadata");
        pairs.createIndex(Indexes.compoundIndex(Indexes.ascending("pair"), Indexes.descending("at", "_id")));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < REDEMPTIONS; i++) {
            batch.add(pair(i, "orderId", "order-" + i % 1000));
            batch.add(pair(i, "channel", "web"));
            if (batch.size() >= 1000) {
                pairs.insertMany(batch);
                batch = new ArrayList<>();
            }
        }
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static Document pair(int redemption, String key, String value) {
        return new Document("_id", "event-" + redemption + "\u001f" + key).append("pair", key + "\u001f" + value)
                .append("transactionId", "event-" + redemption).append("bookId", "book-" + redemption % 3)
                .append("action", "REDEEM").append("at", Date.from(START.plusSeconds(redemption)));
    }

    @Test
    void canFindTheEntriesOfOnePairReadingOnlyThem() {
        List<Document> found = examining(20, () -> pairs.find(Filters.eq("pair", "orderId\u001forder-42"))
                .sort(Sorts.descending("at", "_id")).limit(21).into(new ArrayList<>()));

        assertThat(found).hasSize(20).extracting(pair -> pair.getString("transactionId")).startsWith("event-19042", "event-18042");
    }

    @Test
    void canFindThePairWithAFurtherFilterReadingOnlyThePairsEntries() {
        List<Document> found = examining(20, () -> pairs.find(Filters.and(Filters.eq("pair", "orderId\u001forder-42"),
                Filters.eq("bookId", "book-0"))).sort(Sorts.descending("at", "_id")).limit(21).into(new ArrayList<>()));

        assertThat(found).extracting(pair -> pair.getString("transactionId")).hasSize(7).startsWith("event-18042", "event-15042");
    }

    @Test
    void canReadOnePageOfACommonPairReadingOnlyUpToThatPage() {
        List<Document> page = examining(41, () -> pairs.find(Filters.eq("pair", "channel\u001fweb"))
                .sort(Sorts.descending("at", "_id")).skip(20).limit(21).into(new ArrayList<>()));

        assertThat(page).hasSize(21);
        assertThat(page.get(0).getString("transactionId")).isEqualTo("event-19979");
    }

    private static <T> T examining(int expected, Supplier<T> query) {
        long before = server.documentsExamined("usage", "transaction_metadata");
        T result = query.get();
        // a little slack: the driver may ask the server for a document beyond the limit
        assertThat(server.documentsExamined("usage", "transaction_metadata") - before)
                .as("documents examined").isBetween(1L, expected + 2L);
        return result;
    }
}
