package dev.couponbook.server.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

import java.time.Clock;

/** A fresh in-memory MongoDB with the service's event storage on it, for tests of the tracking without Spring. */
final class EventStorageFixture implements AutoCloseable {

    static final Serializer SERIALIZER = JacksonSerializer.defaultSerializer();

    private final EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
    private final MongoClient client = MongoClients.create(server.connectionString("events"));
    final MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(client, "events").build();
    final MongoCollection<Document> counters = client.getDatabase("events").getCollection(AxonMongoConfiguration.EVENT_COUNTERS);

    GlobalIndexStorageStrategy strategy(EventTrackingProperties settings, Clock clock) {
        return new GlobalIndexStorageStrategy(counters, settings, clock);
    }

    GlobalIndexEventStorageEngine engine(GlobalIndexStorageStrategy strategy) {
        return new GlobalIndexEventStorageEngine(MongoEventStorageEngine.builder().eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER), template, strategy);
    }

    /** axon-mongo's token store, as this node. */
    TokenStore mongoTokenStore(String node) {
        return MongoTokenStore.builder().mongoTemplate(template).serializer(SERIALIZER).nodeId(node).build();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
