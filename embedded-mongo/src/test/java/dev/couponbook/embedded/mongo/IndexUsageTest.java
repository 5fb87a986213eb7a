package dev.couponbook.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Axon event store's queries on 50 000 events touch only about as many documents as they return, checked by
 * the count of documents examined rather than by timing. {@link PersistentIndexUsageTest} runs them on the
 * persistent store.
 */
class IndexUsageTest {

    private static final int EVENTS = 50_000;
    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final DateTimeFormatter TIMESTAMP =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static EmbeddedMongoServer server;
    static MongoClient client;
    private static MongoCollection<Document> events;
    private static MongoCollection<Document> transactions;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.inMemory();
        load();
    }

    static void connect() {
        client = MongoClients.create(server.connectionString("usage"));
        events = client.getDatabase("usage").getCollection("domainevents");
        transactions = client.getDatabase("usage").getCollection("transactions");
    }

    static void load() {
        connect();
        // the indexes axon-mongo's storage strategy creates
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            batch.add(event(i));
            if (batch.size() == 1000) {
                events.insertMany(batch);
                batch = new ArrayList<>();
            }
        }

        transactions.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("timestamp")));
        batch = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            batch.add(new Document("userId", "user-" + i % 50).append("timestamp", START.plusSeconds(i))
                .append("amount", i % 97));
        }
        transactions.insertMany(batch);
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    private static Document event(int i) {
        return new Document("aggregateIdentifier", "aggregate-" + i / EVENTS_PER_AGGREGATE)
            .append("sequenceNumber", (long) (i % EVENTS_PER_AGGREGATE))
            .append("timestamp", timestamp(i))
            .append("eventIdentifier", "event-" + i)
            .append("type", "Coupon")
            .append("payloadType", "CouponIssued")
            .append("serializedPayload", "x".repeat(200));
    }

    /** ISO-8601 with fixed milliseconds, as axon-mongo stores timestamps, so string order is time order. */
    private static String timestamp(int i) {
        return TIMESTAMP.format(START.plusMillis(i * 10L));
    }

    @Test
    void aggregateLoadReadsOnlyTheAggregatesEvents() {
        List<Document> loaded = examining("domainevents", EVENTS_PER_AGGREGATE, () ->
            events.find(Filters.and(Filters.eq("aggregateIdentifier", "aggregate-2500"), Filters.gte("sequenceNumber", 0L)))
                .sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>()));

        assertThat(loaded).extracting(document -> document.getLong("sequenceNumber"))
            .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void lastSequenceNumberLookupReadsOneEvent() {
        List<Document> last = examining("domainevents", 1, () ->
            events.find(Filters.eq("aggregateIdentifier", "aggregate-77")).sort(Sorts.descending("sequenceNumber"))
                .limit(1).into(new ArrayList<>()));

        assertThat(last).singleElement().extracting(document -> document.getLong("sequenceNumber")).isEqualTo(9L);
    }

    @Test
    void trackingPollInTheMiddleStopsAfterTheBatch() {
        List<String> known = List.of("event-25000", "event-25001", "event-25002");
        List<Document> batch = examining("domainevents", 100 + known.size(), () ->
            events.find(Filters.and(Filters.gte("timestamp", timestamp(25_000)), Filters.nin("eventIdentifier", known)))
                .sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(100).into(new ArrayList<>()));

        assertThat(batch).hasSize(100);
        assertThat(batch.get(0).getString("eventIdentifier")).isEqualTo("event-25003");
        assertThat(batch.get(99).getString("eventIdentifier")).isEqualTo("event-25102");
    }

    @Test
    void trackingPollWithoutALimitReadsOnlyTheBatchItTakes() {
        // axon-mongo's poll: no limit, a batch size, and the cursor closed after one batch
        List<String> known = List.of("event-25000", "event-25001", "event-25002");
        List<Document> batch = examining("domainevents", 100 + known.size(), () -> {
            try (MongoCursor<Document> cursor = events
                .find(Filters.and(Filters.gte("timestamp", timestamp(25_000)), Filters.nin("eventIdentifier", known)))
                .sort(Sorts.ascending("timestamp", "sequenceNumber")).batchSize(100).cursor()) {
                List<Document> taken = new ArrayList<>();
                while (taken.size() < 100 && cursor.hasNext()) {
                    taken.add(cursor.next());
                }
                return taken;
            }
        });

        assertThat(batch).extracting(document -> document.getString("eventIdentifier"))
            .startsWith("event-25003").endsWith("event-25102");
    }

    @Test
    void cursorWithoutALimitStillDeliversEveryMatchInOrder() {
        List<Document> all = events.find(Filters.gte("timestamp", timestamp(40_000)))
            .sort(Sorts.ascending("timestamp", "sequenceNumber")).batchSize(100).into(new ArrayList<>());

        assertThat(all).hasSize(EVENTS - 40_000);
        assertThat(all).extracting(document -> document.getString("eventIdentifier"))
            .startsWith("event-40000", "event-40001").endsWith("event-49999");
        assertThat(all).extracting(document -> document.getString("timestamp")).isSorted();
    }

    @Test
    void trackingPollFromTheStartStopsAfterTheBatch() {
        List<Document> batch = examining("domainevents", 100, () ->
            events.find().sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(100).into(new ArrayList<>()));

        assertThat(batch).extracting(document -> document.getString("eventIdentifier"))
            .startsWith("event-0", "event-1").endsWith("event-99");
    }

    @Test
    void trackingPollAtTheTailReadsOnlyTheTail() {
        List<Document> batch = examining("domainevents", 5, () ->
            events.find(Filters.gte("timestamp", timestamp(EVENTS - 5)))
                .sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(100).into(new ArrayList<>()));

        assertThat(batch).hasSize(5);
    }

    @Test
    void readModelQueryWalksTheCompoundIndexBackwards() {
        List<Document> page = examining("transactions", 20, () ->
            transactions.find(Filters.eq("userId", "user-7")).sort(Sorts.ascending("timestamp")).limit(20)
                .into(new ArrayList<>()));

        assertThat(page).extracting(document -> document.getInteger("amount")).first().isEqualTo(7);
        assertThat(page).isSortedAccordingTo((a, b) -> a.getDate("timestamp").compareTo(b.getDate("timestamp")));
    }

    @Test
    void queryOnAnUnindexedFieldScansEverything() {
        long before = server.documentsExamined("usage", "domainevents");

        List<Document> found = events.find(Filters.eq("payloadType", "CouponIssued"))
            .projection(Projections.include("_id")).into(new ArrayList<>());

        assertThat(found).hasSize(EVENTS);
        assertThat(server.documentsExamined("usage", "domainevents") - before).isEqualTo(EVENTS);
    }

    private static <T> T examining(String collection, int expected, Supplier<T> query) {
        long before = server.documentsExamined("usage", collection);
        T result = query.get();
        // a little slack: the driver may ask the server for a document beyond the limit
        assertThat(server.documentsExamined("usage", collection) - before)
            .as("documents examined").isBetween((long) Math.min(expected, 1), expected + 2L);
        return result;
    }
}
