package dev.couponbook.embedded.mongo;

import java.nio.file.Path;
import java.util.function.Function;

/** The two kinds of embedded server the shared tests run against. */
enum Backends {
    IN_MEMORY(directory -> EmbeddedMongoServer.inMemory()),
    PERSISTENT(EmbeddedMongoServer::persistent);

    private final Function<Path, EmbeddedMongoServer> start;

    Backends(Function<Path, EmbeddedMongoServer> start) {
        this.start = start;
    }

    /** Starts a server; a persistent one keeps its data in {@code directory}. */
    EmbeddedMongoServer start(Path directory) {
        return start.apply(directory);
    }
}
