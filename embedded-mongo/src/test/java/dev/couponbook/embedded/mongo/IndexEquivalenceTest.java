package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random data, writes and queries give the same answers with our indexes as on the unindexed original backend. */
class IndexEquivalenceTest {

    private static final String DB = "equivalence";
    private static final String COLLECTION = "docs";

    @ParameterizedTest
    @EnumSource(Backends.class)
    void answersLikeThePlainMemoryBackend(Backends backend, @TempDir Path directory) throws Exception {
        EmbeddedMongoServer server = backend.start(directory);
        try (TestServer indexed = new TestServer(server);
             TestServer plain = new TestServer(new MemoryBackend())) {
            RandomWorkload workload = new RandomWorkload(new Random(20240601),
                indexed.collection(DB, COLLECTION), plain.collection(DB, COLLECTION),
                () -> server.documentsExamined(DB, COLLECTION));
            workload.createIndexes();
            workload.insert(2000);

            workload.run(400);

            // many random filters have nothing indexable (empty, $or, $ne, unindexed fields) and must scan
            assertThat(workload.indexAnsweredQueries()).isGreaterThan(workload.queriesRun() / 3);
        }
    }

    @ParameterizedTest
    @EnumSource(Backends.class)
    void indexesCreatedAfterTheDataAreBuiltFromIt(Backends backend, @TempDir Path directory) throws Exception {
        EmbeddedMongoServer server = backend.start(directory);
        try (TestServer indexed = new TestServer(server);
             TestServer plain = new TestServer(new MemoryBackend())) {
            RandomWorkload workload = new RandomWorkload(new Random(7),
                indexed.collection(DB, COLLECTION), plain.collection(DB, COLLECTION),
                () -> server.documentsExamined(DB, COLLECTION));
            workload.insert(1000);
            workload.createIndexes();

            workload.run(200);

            assertThat(workload.indexAnsweredQueries()).isGreaterThan(workload.queriesRun() / 3);
        }
    }

    @Test
    void persistentBackendAnswersLikeThePlainBackendAlsoAfterReopening(@TempDir Path directory) throws Exception {
        try (TestServer plain = new TestServer(new MemoryBackend())) {
            RandomWorkload workload;
            EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
            try (TestServer indexed = new TestServer(server)) {
                workload = new RandomWorkload(new Random(99),
                    indexed.collection(DB, COLLECTION), plain.collection(DB, COLLECTION),
                    () -> server.documentsExamined(DB, COLLECTION));
                workload.createIndexes();
                workload.insert(1500);
                workload.run(200);
            }

            EmbeddedMongoServer reopened = EmbeddedMongoServer.persistent(directory);
            try (TestServer indexed = new TestServer(reopened)) {
                RandomWorkload afterReopen = workload.withIndexed(indexed.collection(DB, COLLECTION),
                    () -> reopened.documentsExamined(DB, COLLECTION));
                afterReopen.assertSameContents();

                afterReopen.run(200);

                assertThat(indexed.collection(DB, COLLECTION).listIndexes().map(index -> index.getString("name")))
                    .containsExactlyInAnyOrder("_id_", "a_1", "a_1_b_-1", "s_1_d_-1", "c_1", "t_1", "k1_1_k2_1", "u_-1");
                assertThat(afterReopen.indexAnsweredQueries()).as("reopened indexes are used")
                    .isGreaterThan(afterReopen.queriesRun() / 3);
                assertThat(reopened.documentsIndexedByBuilds(DB, COLLECTION)).as("no index was rebuilt").isZero();
            }
        }
    }
}
