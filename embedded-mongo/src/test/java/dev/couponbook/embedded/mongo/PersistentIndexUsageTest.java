package dev.couponbook.embedded.mongo;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link IndexUsageTest}'s queries on the persistent store, closed and reopened after loading: the indexes answer
 * as they come back from disk, without being rebuilt.
 */
class PersistentIndexUsageTest extends IndexUsageTest {

    @TempDir
    static Path directory;

    @BeforeAll
    static void start() {
        server = EmbeddedMongoServer.persistent(directory);
        load();
        client.close();
        server.close();
        server = EmbeddedMongoServer.persistent(directory);
        connect();
    }

    @Test
    void reopeningBuildsNoIndex() {
        assertThat(server.documentsIndexedByBuilds("usage", "domainevents")).isZero();
        assertThat(server.documentsIndexedByBuilds("usage", "transactions")).isZero();
    }
}
