package dev.couponbook.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;

import java.net.InetSocketAddress;

/**
 * A server plus a driver client connected to it, for tests that compare backends: plain mongo-java-server on any
 * backend, or ours as the service runs it.
 */
final class TestServer implements AutoCloseable {

    private final AutoCloseable server;
    private final MongoClient client;

    TestServer(MongoBackend backend) {
        MongoServer plain = new MongoServer(backend);
        InetSocketAddress address = plain.bind();
        this.server = plain::shutdownNow;
        this.client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    TestServer(EmbeddedMongoServer embedded) {
        this.server = embedded;
        this.client = MongoClients.create("mongodb://127.0.0.1:" + embedded.port());
    }

    MongoCollection<Document> collection(String database, String collection) {
        return client.getDatabase(database).getCollection(collection);
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
    }
}
