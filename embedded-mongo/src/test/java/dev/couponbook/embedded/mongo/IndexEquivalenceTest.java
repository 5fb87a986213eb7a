package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random data, writes and queries give the same answers with our indexes as on the unindexed original backends. */
class IndexEquivalenceTest {

    private static final String DB = "equivalence";
    private static final String COLLECTION = "docs";

    @Test
    void memoryBackendAnswersLikeThePlainMemoryBackend() {
        IndexedMemoryBackend backend = new IndexedMemoryBackend();
        try (TestServer indexed = new TestServer(backend);
             TestServer plain = new TestServer(new MemoryBackend())) {
            RandomWorkload workload = new RandomWorkload(new Random(20240601),
                indexed.collection(DB, COLLECTION), plain.collection(DB, COLLECTION),
                () -> backend.documentsExamined(DB, COLLECTION));
            workload.createIndexes();
            workload.insert(2000);

            workload.run(400);

            // many random filters have nothing indexable (empty, $or, $ne, unindexed fields) and must scan
            assertThat(workload.indexAnsweredQueries()).isGreaterThan(workload.queriesRun() / 3);
        }
    }

    @Test
    void indexesCreatedAfterTheDataAreBuiltFromIt() {
        IndexedMemoryBackend backend = new IndexedMemoryBackend();
        try (TestServer indexed = new TestServer(backend);
             TestServer plain = new TestServer(new MemoryBackend())) {
            RandomWorkload workload = new RandomWorkload(new Random(7),
                indexed.collection(DB, COLLECTION), plain.collection(DB, COLLECTION),
                () -> backend.documentsExamined(DB, COLLECTION));
            workload.insert(1000);
            workload.createIndexes();

            workload.run(200);
        }
    }

    @Test
    void h2BackendAnswersLikeThePlainH2BackendAlsoAfterReopening(@TempDir Path directory) {
        String file = directory.resolve("mongo.mv").toString();
        try (TestServer plain = new TestServer(H2Backend.inMemory())) {
            RandomWorkload workload;
            IndexedH2Backend backend = new IndexedH2Backend(file);
            try (TestServer indexed = new TestServer(backend)) {
                workload = new RandomWorkload(new Random(99),
                    indexed.collection(DB, COLLECTION), plain.collection(DB, COLLECTION),
                    () -> backend.documentsExamined(DB, COLLECTION));
                workload.createIndexes();
                workload.insert(1500);
                workload.run(200);
            }

            IndexedH2Backend reopenedBackend = new IndexedH2Backend(file);
            try (TestServer reopened = new TestServer(reopenedBackend)) {
                RandomWorkload afterReopen = workload.withIndexed(reopened.collection(DB, COLLECTION),
                    () -> reopenedBackend.documentsExamined(DB, COLLECTION));
                afterReopen.assertSameContents();

                afterReopen.run(200);

                assertThat(reopened.collection(DB, COLLECTION).listIndexes().map(index -> index.getString("name")))
                    .containsExactlyInAnyOrder("_id_", "a_1", "a_1_b_-1", "s_1_d_-1", "c_1", "t_1", "k1_1_k2_1", "u_-1");
                assertThat(afterReopen.indexAnsweredQueries()).as("rebuilt indexes are used")
                    .isGreaterThan(afterReopen.queriesRun() / 3);
            }
        }
    }
}
