package dev.couponbook.embedded.mongo;

import com.mongodb.MongoWriteException;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.UpdateOneModel;
import org.bson.RawBsonDocument;
import java.util.stream.IntStream;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RocksDB store through the driver: group commit, compaction, lookups in large files, and the import of a former H2 store. */
class PersistentStoreTest {

    /** Documents 0 to 3 into slots 10, 10, 12 and 13 of {@link #fourUniqueSlots}: the second statement fails. */
    private static final List<UpdateOneModel<Document>> SECOND_INTO_SLOT_TEN =
        List.of(slotOf(0, 10), slotOf(1, 10), slotOf(2, 12), slotOf(3, 13));

    @Test
    void canAcknowledgeConcurrentWritesWithFewerSyncsThanWrites(@TempDir Path directory) throws Exception {
        int threads = 32;
        int writesPerThread = 60;
        long syncs;
        long writes;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("group"))) {
            MongoCollection<Document> codes = client.getDatabase("group").getCollection("codes");
            codes.createIndex(Indexes.ascending("thread", "i"));
            GroupCommit groupCommit = server.rocksStorage().groupCommit();
            long syncsBefore = groupCommit.syncs();
            long writesBefore = groupCommit.writes();
            ExecutorService executor = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesPerThread; i++) {
                        codes.insertOne(new Document("_id", thread + "-" + i).append("thread", thread).append("i", i));
                        if (i % 2 == 0) {
                            codes.updateOne(Filters.eq("_id", thread + "-" + i), Updates.set("updated", true));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            executor.shutdown();
            syncs = groupCommit.syncs() - syncsBefore;
            writes = groupCommit.writes() - writesBefore;
        }

        assertThat(writes).isEqualTo(threads * writesPerThread * 3L / 2);
        // How many writes share a sync here depends on the disk's fsync time against the writers' speed; the
        // deterministic bound, with a sync as slow as a disk's, is GroupCommitTest's.
        assertThat(syncs).as("syncs for %d acknowledged writes", writes).isPositive().isLessThan(writes);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("group"))) {
            MongoCollection<Document> codes = client.getDatabase("group").getCollection("codes");
            assertThat(codes.countDocuments()).isEqualTo((long) threads * writesPerThread);
            assertThat(codes.countDocuments(Filters.eq("updated", true))).isEqualTo((long) threads * writesPerThread / 2);
            assertThat(codes.find(Filters.eq("thread", 7)).sort(Sorts.descending("i")).first().getInteger("i"))
                .isEqualTo(writesPerThread - 1);
        }
    }

    /** As MongoDB: {@code j: false} is answered once applied; a journaled write after it makes both durable. */
    @Test
    void canApplyTheStatementsOfABulkUpdateAndABulkDeleteInOneStoreWriteEach(@TempDir Path directory) {
        List<Document> sizes;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("bulk"))) {
            MongoCollection<Document> codes = client.getDatabase("bulk").getCollection("codes");
            codes.createIndex(Indexes.ascending("status"));
            codes.insertMany(IntStream.range(0, 100).mapToObj(i -> new Document("_id", i).append("status", "new")).toList());
            GroupCommit groupCommit = server.rocksStorage().groupCommit();
            long writesBefore = groupCommit.writes();

            codes.bulkWrite(IntStream.range(0, 100).mapToObj(i -> new UpdateOneModel<Document>(Filters.eq("_id", i),
                Updates.combine(Updates.set("status", i % 2 == 0 ? "even" : "odd"), Updates.set("note", "x".repeat(i))))).toList());
            long afterUpdates = groupCommit.writes();
            codes.bulkWrite(IntStream.range(0, 10).mapToObj(i -> new DeleteOneModel<Document>(Filters.eq("_id", i))).toList());

            assertThat(afterUpdates - writesBefore).as("store writes for 100 updates").isOne();
            assertThat(groupCommit.writes() - afterUpdates).as("store writes for 10 deletes").isOne();
            sizes = sizesOf(client);
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("bulk"))) {
            MongoCollection<Document> codes = client.getDatabase("bulk").getCollection("codes");
            assertThat(codes.countDocuments()).isEqualTo(90);
            assertThat(codes.countDocuments(Filters.eq("status", "even"))).isEqualTo(45);
            assertThat(codes.find(Filters.eq("_id", 99)).first().getString("note")).isEqualTo("x".repeat(99));
            assertThat(sizesOf(client)).isEqualTo(sizes);
        }
    }

    @Test
    void canKeepEveryStatementButTheFailedOneOfABulkUpdate(@TempDir Path directory) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("bulk"))) {
            MongoCollection<Document> slots = fourUniqueSlots(client);
            assertThatThrownBy(() -> slots.bulkWrite(SECOND_INTO_SLOT_TEN, new BulkWriteOptions().ordered(false)))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, failure -> assertThat(failure.getWriteErrors())
                    .singleElement().satisfies(error -> assertThat(error.getIndex()).isOne()));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("bulk"))) {
            MongoCollection<Document> slots = client.getDatabase("bulk").getCollection("slots");
            List<Integer> stored = slots.find().sort(Sorts.ascending("_id")).map(document -> document.getInteger("slot"))
                .into(new ArrayList<>());
            assertThat(stored).containsExactly(10, 1, 12, 13);
            assertThat(slots.find(Filters.eq("slot", 1)).first().getInteger("_id")).isOne();
            assertThat(slots.countDocuments(Filters.gte("slot", 0))).isEqualTo(4);
        }
    }

    @Test
    void cannotApplyTheStatementsOfAnOrderedBulkUpdateAfterTheOneThatFailed(@TempDir Path directory) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("bulk"))) {
            MongoCollection<Document> slots = fourUniqueSlots(client);
            assertThatThrownBy(() -> slots.bulkWrite(SECOND_INTO_SLOT_TEN, new BulkWriteOptions().ordered(true)))
                .isInstanceOfSatisfying(MongoBulkWriteException.class, failure -> {
                    assertThat(failure.getWriteErrors()).singleElement().satisfies(error -> assertThat(error.getIndex()).isOne());
                    assertThat(failure.getWriteResult().getModifiedCount()).isOne();
                });
            slots.bulkWrite(List.of(slotOf(3, 23), slotOf(3, 33)));
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("bulk"))) {
            List<Integer> stored = client.getDatabase("bulk").getCollection("slots").find().sort(Sorts.ascending("_id"))
                .map(document -> document.getInteger("slot")).into(new ArrayList<>());
            assertThat(stored).as("the next command applies all its statements").containsExactly(10, 1, 2, 33);
        }
    }

    /** Documents 0 to 3 in slots 0 to 3, no two in the same slot. */
    private static MongoCollection<Document> fourUniqueSlots(MongoClient client) {
        MongoCollection<Document> slots = client.getDatabase("bulk").getCollection("slots");
        slots.createIndex(Indexes.ascending("slot"), new IndexOptions().unique(true));
        slots.insertMany(IntStream.range(0, 4).mapToObj(i -> new Document("_id", i).append("slot", i)).toList());
        return slots;
    }

    private static UpdateOneModel<Document> slotOf(int id, int slot) {
        return new UpdateOneModel<>(Filters.eq("_id", id), Updates.set("slot", slot));
    }

    // what the store counts of its collections' documents, against what they measure
    private static List<Document> sizesOf(MongoClient client) {
        List<Document> sizes = new ArrayList<>();
        MongoDatabase database = client.getDatabase("bulk");
        Document stats = database.runCommand(new Document("collStats", "codes"));
        long measured = database.getCollection("codes", RawBsonDocument.class).find()
            .map(document -> (long) document.getByteBuffer().remaining()).into(new ArrayList<>()).stream()
            .mapToLong(Long::longValue).sum();
        assertThat(((Number) stats.get("size")).longValue()).isEqualTo(measured);
        sizes.add(new Document("count", stats.get("count")).append("size", stats.get("size")));
        return sizes;
    }

    @Test
    void canAnswerAWriteThatAsksForNoJournalWithoutASync(@TempDir Path directory) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("journal"))) {
            MongoCollection<Document> counters = client.getDatabase("journal").getCollection("counters");
            GroupCommit groupCommit = server.rocksStorage().groupCommit();
            long syncsBefore = groupCommit.syncs();
            MongoCollection<Document> unjournaled = counters.withWriteConcern(WriteConcern.W1.withJournal(false));
            for (int i = 0; i < 50; i++) {
                unjournaled.findOneAndUpdate(Filters.eq("_id", "next"), Updates.inc("value", 1L),
                        new FindOneAndUpdateOptions().upsert(true));
            }
            assertThat(groupCommit.syncs() - syncsBefore).as("syncs for 50 unjournaled writes").isZero();

            counters.insertOne(new Document("_id", "journaled"));
            assertThat(groupCommit.syncs() - syncsBefore).isPositive();
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("journal"))) {
            MongoCollection<Document> counters = client.getDatabase("journal").getCollection("counters");
            assertThat(counters.find(Filters.eq("_id", "next")).first().getLong("value")).isEqualTo(50L);
            assertThat(counters.countDocuments(Filters.eq("_id", "journaled"))).isOne();
        }
    }

    @Test
    void canShrinkTheFilesAfterChurnOnceCompacted(@TempDir Path directory) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("churn"))) {
            MongoCollection<Document> tokens = client.getDatabase("churn").getCollection("tokens");
            tokens.createIndex(Indexes.ascending("owner", "version"));
            String payload = "p".repeat(200) + Math.random();
            for (int round = 0; round < 5; round++) {
                List<Document> batch = new ArrayList<>();
                for (int i = 0; i < 4_000; i++) {
                    batch.add(new Document("_id", round * 4_000 + i).append("owner", "o" + i % 50)
                        .append("version", 0).append("payload", payload + round + i));
                }
                tokens.insertMany(batch);
            }
            RocksStorage storage = server.rocksStorage();
            storage.compact();
            long full = storage.liveDataSize();

            tokens.updateMany(Filters.lt("_id", 10_000), Updates.inc("version", 1));
            tokens.deleteMany(Filters.gte("_id", 2_000));
            storage.compact();
            long afterChurn = storage.liveDataSize();

            assertThat(tokens.countDocuments()).isEqualTo(2_000);
            assertThat(afterChurn).as("live bytes after deleting 90%% (%d before)", full).isLessThan(full / 4);
            assertThat(tokens.find(Filters.eq("owner", "o7")).into(new ArrayList<>())).hasSize(40)
                .allSatisfy(document -> assertThat(document.getInteger("version")).isEqualTo(1));
        }
    }

    /**
     * A file's index and Bloom filter grow with its keys; read whole, a lookup that found them evicted copied
     * megabytes per file once a store held 10^6 codes. Read in partitions, one lookup loads a small part of them.
     */
    @Test
    void canLookUpADocumentWithoutLoadingTheWholeIndexAndFilterOfItsFile(@TempDir Path directory) {
        int documents = 300_000;
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("lookups"))) {
            MongoCollection<Document> codes = client.getDatabase("lookups").getCollection("codes");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                batch.add(new Document("_id", String.format("code-%09d", i)).append("bookId", "book"));
                if (batch.size() == 10_000) {
                    codes.insertMany(batch);
                    batch.clear();
                }
            }
            server.rocksStorage().compact();
        }
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("lookups"))) {
            MongoCollection<Document> codes = client.getDatabase("lookups").getCollection("codes");
            RocksStorage storage = server.rocksStorage();
            long cachedBefore = storage.blockCacheUsage();

            Document found = codes.find(Filters.eq("_id", "code-000150000")).first();
            Document absent = codes.find(Filters.eq("_id", "code-999999999")).first();

            assertThat(found).isNotNull();
            assertThat(found.getString("bookId")).isEqualTo("book");
            assertThat(absent).isNull();
            long loaded = storage.blockCacheUsage() - cachedBefore;
            long indexAndFilter = storage.indexAndFilterSize();
            assertThat(loaded).as("bytes two lookups loaded, of %d bytes of index and filter", indexAndFilter)
                .isLessThan(indexAndFilter / 3);
        }
    }

    @Test
    void canImportAStoreTheH2BackendLeftOnce(@TempDir Path directory) throws Exception {
        Path h2File = directory.resolve("mongo.mv");
        H2Backend h2 = new H2Backend(h2File.toString());
        MongoServer old = new MongoServer(h2);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + old.bind().getPort())) {
            MongoCollection<Document> events = client.getDatabase("couponbook").getCollection("domainevents");
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            events.createIndex(Indexes.descending("timestamp"));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                batch.add(new Document("aggregateIdentifier", "a" + i / 10).append("sequenceNumber", (long) (i % 10))
                    .append("timestamp", "t" + (100_000 + i)));
            }
            events.insertMany(batch);
            client.getDatabase("couponbook").getCollection("tokens").insertOne(new Document("_id", "processor-0"));
            client.getDatabase("other").getCollection("things").insertOne(new Document("_id", 1));
        } finally {
            old.shutdownNow();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory)) {
            assertImported(server);
        }
        assertThat(h2File).doesNotExist();
        assertThat(directory.resolve("mongo.mv.imported")).exists();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory)) {
            assertImported(server);
            assertThat(server.documentsIndexedByBuilds("couponbook", "domainevents")).isZero();
        }
        assertThat(Files.exists(directory.resolve("rocksdb.importing"))).isFalse();
    }

    private static void assertImported(EmbeddedMongoServer server) {
        try (MongoClient client = MongoClients.create(server.connectionString("couponbook"))) {
            MongoCollection<Document> events = client.getDatabase("couponbook").getCollection("domainevents");
            assertThat(events.countDocuments()).isEqualTo(3_000);
            assertThat(events.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .containsExactlyInAnyOrder("_id_", "aggregateIdentifier_1_sequenceNumber_1", "timestamp_-1");
            long before = server.documentsExamined("couponbook", "domainevents");
            assertThat(events.find().sort(Sorts.descending("timestamp")).limit(3).into(new ArrayList<>()))
                .extracting(document -> document.getString("timestamp")).containsExactly("t102999", "t102998", "t102997");
            assertThat(server.documentsExamined("couponbook", "domainevents") - before).isLessThanOrEqualTo(5);
            assertThatThrownBy(() -> events.insertOne(new Document("aggregateIdentifier", "a7").append("sequenceNumber", 3L)))
                .isInstanceOf(MongoWriteException.class);
            assertThat(client.getDatabase("couponbook").getCollection("tokens").countDocuments()).isEqualTo(1);
            assertThat(client.getDatabase("other").getCollection("things").countDocuments()).isEqualTo(1);
        }
    }
}
