package dev.couponbook.embedded.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.connection.ServerMonitoringMode;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long command (a bulk insert of many documents, as a generated chunk's code claims are) holds up neither the
 * other connections nor the readers of the collection it writes: the service's requests read that collection.
 */
class LongCommandTest {

    private static final int BULK = 50_000;
    /**
     * With the writer, 14 connections (each client has a monitoring one): more than one event loop per core would
     * serve apart, no more than the server's loops.
     */
    private static final int READERS = 6;

    @ParameterizedTest
    @EnumSource(Backends.class)
    void canServeOtherConnectionsWhileOneRunsABulkInsert(Backends backend, @TempDir Path directory) throws Exception {
        try (EmbeddedMongoServer server = backend.start(directory)) {
            assertNoReadWaitedForTheInsert(readsDuringBulkInsert(server, "others"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void canReadACollectionWhileABulkInsertIntoItRuns(Backends backend, @TempDir Path directory) throws Exception {
        try (EmbeddedMongoServer server = backend.start(directory)) {
            assertNoReadWaitedForTheInsert(readsDuringBulkInsert(server, "claims"));
        }
    }

    /**
     * Held up by the insert, a read waits for most of it (measured: 40 to 90 % of its time); let in, the longest
     * read takes a few percent of it. A quarter leaves room for a pause of a busy machine.
     */
    private static void assertNoReadWaitedForTheInsert(Reads reads) {
        assertThat(reads.longestNanos()).as("each reader's longest read, the insert taking %d ms", reads.insertNanos() / 1_000_000)
            .allMatch(longest -> longest < reads.insertNanos() / 4);
    }

    private record Reads(long insertNanos, List<Long> longestNanos) {
    }

    /**
     * Inserts {@link #BULK} documents into {@code claims} in one insert command while {@link #READERS} connections
     * read a document of {@code readCollection} over and over: how long the insert took and each reader's longest read.
     */
    private static Reads readsDuringBulkInsert(EmbeddedMongoServer server, String readCollection) throws Exception {
        List<MongoClient> clients = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(READERS);
        try {
            MongoDatabase database = client(server, clients).getDatabase("long");
            database.getCollection(readCollection).insertOne(new Document("_id", "read-me"));
            List<Document> bulk = IntStream.range(0, BULK).mapToObj(i -> new Document("_id", "code-" + i).append("book", "b"))
                .toList();
            AtomicBoolean inserting = new AtomicBoolean(false);
            CountDownLatch ready = new CountDownLatch(READERS);
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                MongoCollection<Document> read = client(server, clients).getDatabase("long").getCollection(readCollection);
                read.find(Filters.eq("_id", "read-me")).first();
                readers.add(executor.submit(() -> {
                    ready.countDown();
                    while (!inserting.get()) {
                        Thread.onSpinWait();
                    }
                    long longest = 0;
                    while (inserting.get()) {
                        long start = System.nanoTime();
                        assertThat(read.find(Filters.eq("_id", "read-me")).first()).isNotNull();
                        longest = Math.max(longest, System.nanoTime() - start);
                    }
                    return longest;
                }));
            }
            ready.await();
            inserting.set(true);
            long start = System.nanoTime();
            // one command: the driver would split insertMany into commands of the server's largest write batch
            database.runCommand(new Document("insert", "claims").append("documents", bulk));
            long insertNanos = System.nanoTime() - start;
            inserting.set(false);
            assertThat(database.getCollection("claims").countDocuments(Filters.eq("book", "b"))).isEqualTo(BULK);
            List<Long> longest = new ArrayList<>();
            for (Future<Long> reader : readers) {
                longest.add(reader.get());
            }
            return new Reads(insertNanos, longest);
        } finally {
            executor.shutdownNow();
            clients.forEach(MongoClient::close);
        }
    }

    /** A client of one connection, so that each reader has a connection of its own, plus one polling the server. */
    private static MongoClient client(EmbeddedMongoServer server, List<MongoClient> clients) {
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(server.connectionString("long")))
            .applyToConnectionPoolSettings(pool -> pool.maxSize(1))
            .applyToServerSettings(monitoring -> monitoring.serverMonitoringMode(ServerMonitoringMode.POLL))
            .build());
        clients.add(client);
        return client;
    }
}
