package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** An in-process MongoDB-wire-protocol server on a free loopback port, in memory or persisted to a directory. */
public final class EmbeddedMongoServer implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private EmbeddedMongoServer(MongoBackend backend) {
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.address = server.getLocalAddress();
    }

    /** Starts a server whose data lives only as long as the process. */
    public static EmbeddedMongoServer inMemory() {
        return new EmbeddedMongoServer(new MemoryBackend());
    }

    /** Starts a server that keeps its data in an H2 file under {@code directory}, so a restart keeps everything. */
    public static EmbeddedMongoServer persistent(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EmbeddedMongoServer(new H2Backend(directory.resolve("mongo.mv").toString()));
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
