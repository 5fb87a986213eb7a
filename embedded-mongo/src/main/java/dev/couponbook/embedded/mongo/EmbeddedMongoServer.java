package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An in-process MongoDB-wire-protocol server on a free loopback port, in memory or persisted to a directory,
 * whose indexes answer equality, range and sorted queries.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final AbstractMongoBackend backend;
    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongoServer(AbstractMongoBackend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.address = server.getLocalAddress();
    }

    /** Starts a server whose data lives only as long as the process. */
    public static EmbeddedMongoServer inMemory() {
        return new EmbeddedMongoServer(new IndexedMemoryBackend());
    }

    /** Starts a server that keeps its data in an H2 file under {@code directory}, so a restart keeps everything. */
    public static EmbeddedMongoServer persistent(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedMongoServer(new IndexedH2Backend(directory.resolve("mongo.mv").toString()));
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    /** Documents the collection's queries have fetched so far; for tests that must see an index being used. */
    long documentsExamined(String database, String collection) {
        return ExaminationCounter.of(backend.resolveDatabase(database), collection);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
