package dev.couponbook.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;

import java.net.InetSocketAddress;

/** A mongo-java-server on any backend plus a driver client connected to it, for tests that compare backends. */
final class TestServer implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    TestServer(MongoBackend backend) {
        this.server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        this.client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    MongoCollection<Document> collection(String database, String collection) {
        return client.getDatabase(database).getCollection(collection);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
