package dev.couponbook.embedded.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade other modules use: persistence across restarts, Axon's duplicate-key contract, concurrent use. */
class EmbeddedMongoServerTest {

    private static final Document UNIQUE_EVENT_KEY = new Document("aggregateIdentifier", 1).append("sequenceNumber", 1);

    @ParameterizedTest
    @EnumSource(Backends.class)
    void aDuplicateAggregateSequenceIsRejectedWithMongosDuplicateKeyError(Backends backend, @TempDir Path directory) {
        try (EmbeddedMongoServer server = backend.start(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> events = eventsIn(client);
            events.insertOne(event("a", 0, "e1"));

            assertThatThrownBy(() -> events.insertOne(event("a", 0, "e2")))
                .isInstanceOfSatisfying(MongoWriteException.class, e -> {
                    assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
                    assertThat(e.getCode()).isEqualTo(11000);
                });
            assertThat(events.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void aPersistentServerKeepsDocumentsAndIndexesAcrossRestarts(@TempDir Path directory) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> events = eventsIn(client);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                batch.add(event("aggregate-" + i / 4, i % 4, "event-" + i));
            }
            events.insertMany(batch);
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> events = client.getDatabase("facade").getCollection("events");
            assertThat(events.countDocuments()).isEqualTo(2000);

            long before = server.documentsExamined("facade", "events");
            List<Document> loaded = events.find(Filters.and(Filters.eq("aggregateIdentifier", "aggregate-321"),
                Filters.gte("sequenceNumber", 1L))).sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>());

            assertThat(loaded).extracting(document -> document.getLong("sequenceNumber")).containsExactly(1L, 2L, 3L);
            assertThat(server.documentsExamined("facade", "events") - before).isEqualTo(3);
            assertThatThrownBy(() -> events.insertOne(event("aggregate-321", 2, "event-new")))
                .isInstanceOf(MongoWriteException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void droppingAnIndexFallsBackToScanningAndRecreatingItUsesItAgain(Backends backend, @TempDir Path directory) {
        try (EmbeddedMongoServer server = backend.start(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> events = eventsIn(client);
            for (int i = 0; i < 200; i++) {
                events.insertOne(event("a-" + i % 20, i / 20, "e-" + i));
            }
            Supplier<List<Long>> load = () -> events.find(Filters.eq("aggregateIdentifier", "a-3"))
                .sort(Sorts.descending("sequenceNumber")).map(document -> document.getLong("sequenceNumber"))
                .into(new ArrayList<>());

            events.dropIndex("aggregateIdentifier_1_sequenceNumber_1");
            long beforeScan = server.documentsExamined("facade", "events");
            assertThat(load.get()).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
            assertThat(server.documentsExamined("facade", "events") - beforeScan).isEqualTo(200);

            events.createIndex(UNIQUE_EVENT_KEY, new IndexOptions().unique(true));
            long beforeIndexed = server.documentsExamined("facade", "events");
            assertThat(load.get()).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L, 0L);
            assertThat(server.documentsExamined("facade", "events") - beforeIndexed).isEqualTo(10);
        }
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void droppingAllIndexesOfACollectionKeepsItsIdIndexAndOtherCollectionsIndexes(Backends backend, @TempDir Path directory) {
        try (EmbeddedMongoServer server = backend.start(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> jobs = client.getDatabase("facade").getCollection("jobs");
            MongoCollection<Document> metadata = client.getDatabase("facade").getCollection("metadata");
            jobs.createIndex(Indexes.ascending("state", "updatedAt"));
            jobs.createIndex(Indexes.ascending("scheduledAt"));
            metadata.createIndex(Indexes.ascending("name", "owner"));

            jobs.dropIndexes();

            assertThat(indexNames(jobs)).containsExactly("_id_");
            assertThat(indexNames(metadata)).containsExactlyInAnyOrder("_id_", "name_1_owner_1");
            jobs.createIndex(Indexes.ascending("scheduledAt"));
            assertThat(indexNames(jobs)).containsExactlyInAnyOrder("_id_", "scheduledAt_1");
        }
    }

    private static List<String> indexNames(MongoCollection<Document> collection) {
        return collection.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void concurrentAppendsAndLoadsStayConsistent(Backends backend, @TempDir Path directory) throws Exception {
        int threads = 4;
        int aggregatesPerThread = 25;
        int eventsPerAggregate = 10;
        int races = 100;
        try (EmbeddedMongoServer server = backend.start(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> events = eventsIn(client);
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    for (int a = 0; a < aggregatesPerThread; a++) {
                        String aggregate = "agg-" + thread + "-" + a;
                        for (int s = 0; s < eventsPerAggregate; s++) {
                            events.insertOne(event(aggregate, s, "e-" + thread + "-" + a + "-" + s));
                            List<Document> loaded = events.find(Filters.eq("aggregateIdentifier", aggregate))
                                .sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>());
                            assertThat(loaded).hasSize(s + 1);
                        }
                    }
                }));
            }
            // two writers append the same sequence number to the same aggregate: exactly one of each pair wins
            AtomicInteger conflicts = new AtomicInteger();
            for (int race = 0; race < races; race++) {
                for (int writer = 0; writer < 2; writer++) {
                    Document contender = event("race-" + race, 0, "race-" + race + "-" + writer);
                    futures.add(executor.submit(() -> {
                        try {
                            events.insertOne(contender);
                        } catch (MongoWriteException e) {
                            conflicts.incrementAndGet();
                        }
                    }));
                }
            }
            for (Future<?> future : futures) {
                future.get();
            }
            executor.shutdown();

            assertThat(conflicts.get()).isEqualTo(races);
            assertThat(events.countDocuments())
                .isEqualTo((long) threads * aggregatesPerThread * eventsPerAggregate + races);
            assertThat(events.find().sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(5)
                .map(document -> document.getLong("sequenceNumber")).into(new ArrayList<>()))
                .containsOnly(0L);
        }
    }

    /** The event store reserves its global indexes with {@code $inc}: no two callers may be handed the same value. */
    @ParameterizedTest
    @EnumSource(Backends.class)
    void concurrentIncrementsAnswerEveryCallerItsOwnValue(Backends backend, @TempDir Path directory) throws Exception {
        int threads = 16;
        int incrementsPerThread = 200;
        try (EmbeddedMongoServer server = backend.start(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> counters = client.getDatabase("facade").getCollection("counters");
            counters.insertOne(new Document("_id", "events").append("next", 0L));
            Set<Long> answered = ConcurrentHashMap.newKeySet();
            AtomicInteger repeated = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    for (int i = 0; i < incrementsPerThread; i++) {
                        Document after = counters.findOneAndUpdate(Filters.eq("_id", "events"), Updates.inc("next", 3L),
                            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                        if (!answered.add(after.getLong("next"))) {
                            repeated.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            executor.shutdown();

            assertThat(repeated.get()).isZero();
            assertThat(answered).hasSize(threads * incrementsPerThread);
            assertThat(counters.find().first().getLong("next")).isEqualTo(3L * threads * incrementsPerThread);
        }
    }

    @Test
    void canListenOnAGivenPortSoAnAnalystCanConnectToAKnownAddress(@TempDir Path directory) throws Exception {
        int port = freePort();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory, StoreOptions.defaults(), port);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(server.connectionString("couponbook")).isEqualTo("mongodb://127.0.0.1:" + port + "/couponbook");
            client.getDatabase("facade").getCollection("probe").insertOne(new Document("_id", 1));
            assertThat(client.getDatabase("facade").getCollection("probe").countDocuments()).isEqualTo(1);

            assertThatThrownBy(() -> EmbeddedMongoServer.inMemory(port))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot listen on 127.0.0.1:" + port);
            assertThat(client.getDatabase("facade").getCollection("probe").countDocuments()).isEqualTo(1);
        }
        assertThatThrownBy(() -> EmbeddedMongoServer.inMemory(65536)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void canReportTheSizeOfItsDocumentsThroughInsertsUpdatesDeletesAndARestart(Backends backend, @TempDir Path directory) {
        try (EmbeddedMongoServer server = backend.start(directory);
             MongoClient client = MongoClients.create(server.connectionString("facade"))) {
            MongoCollection<Document> events = eventsIn(client);
            for (int i = 0; i < 100; i++) {
                events.insertOne(event("a-" + i, 0, "e-" + i));
            }
            events.updateMany(Filters.in("eventIdentifier", "e-1", "e-2", "e-3"), Updates.set("payload", "x".repeat(500)));
            events.updateOne(Filters.eq("eventIdentifier", "e-4"), Updates.unset("timestamp"));
            events.deleteMany(Filters.in("eventIdentifier", "e-5", "e-6", "e-2"));

            assertThat(reportedSize(client)).isEqualTo(bsonSize(events)).isGreaterThan(100L * 50);
        }
        if (backend == Backends.PERSISTENT) {
            try (EmbeddedMongoServer server = backend.start(directory);
                 MongoClient client = MongoClients.create(server.connectionString("facade"))) {
                assertThat(reportedSize(client)).isEqualTo(bsonSize(eventsIn(client)));
            }
        }
    }

    private static long reportedSize(MongoClient client) {
        return client.getDatabase("facade").runCommand(new Document("collStats", "events")).get("size", Number.class)
            .longValue();
    }

    private static long bsonSize(MongoCollection<Document> collection) {
        return collection.withDocumentClass(RawBsonDocument.class).find().into(new ArrayList<>()).stream()
            .mapToLong(document -> document.getByteBuffer().remaining()).sum();
    }

    private static MongoCollection<Document> eventsIn(MongoClient client) {
        MongoCollection<Document> events = client.getDatabase("facade").getCollection("events");
        events.createIndex(UNIQUE_EVENT_KEY, new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        return events;
    }

    private static Document event(String aggregate, long sequence, String eventId) {
        return new Document("aggregateIdentifier", aggregate).append("sequenceNumber", sequence)
            .append("eventIdentifier", eventId).append("timestamp", "2025-01-01T00:00:00.000Z");
    }
}
