package dev.couponbook.server.axon;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.bson.Document;
import dev.couponbook.embedded.mongo.IndexedMemoryBackend;
import io.netty.channel.Channel;

import java.util.List;

/**
 * An in-memory mongo-java-server that introduces itself as the primary of replica set "rs0"
 * and acknowledges {@code commitTransaction} and {@code abortTransaction}, so the driver runs
 * transactions against it. It applies every write at once (there is no isolation or rollback):
 * it can show which writes a transaction carried, never that they were atomic.
 */
final class ReplicaSetLookalike implements AutoCloseable {

    private final MongoServer server;

    ReplicaSetLookalike() {
        server = new MongoServer(new IndexedMemoryBackend() {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                if (command.equalsIgnoreCase("commitTransaction") || command.equalsIgnoreCase("abortTransaction")) {
                    return new Document("ok", 1.0);
                }
                if (command.equalsIgnoreCase("hello")) {
                    return asPrimary(super.handleCommand(channel, database, "isMaster", query));
                }
                Document reply = super.handleCommand(channel, database, command, query);
                return command.equalsIgnoreCase("isMaster") ? asPrimary(reply) : reply;
            }
        });
        server.bind("127.0.0.1", 0);
    }

    private Document asPrimary(Document reply) {
        String me = "127.0.0.1:" + server.getLocalAddress().getPort();
        return reply.append("setName", "rs0").append("hosts", List.of(me)).append("me", me).append("primary", me)
                .append("isWritablePrimary", true).append("secondary", false).append("logicalSessionTimeoutMinutes", 30);
    }

    String connectionString(String database) {
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database + "?directConnection=true";
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
