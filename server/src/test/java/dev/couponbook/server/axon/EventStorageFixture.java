package dev.couponbook.server.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

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

    /** Every event the engine has after {@code from}, in order. */
    static List<? extends TrackedEventMessage<?>> read(GlobalIndexEventStorageEngine engine, TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            return events.toList();
        }
    }

    /** The token after the last of {@code events}. */
    static GapAwareTrackingToken last(List<? extends TrackedEventMessage<?>> events) {
        return (GapAwareTrackingToken) events.get(events.size() - 1).trackingToken();
    }

    /** The insert of an append whose index was reserved earlier. */
    void insert(DomainEventMessage<?> event, long index) {
        template.eventCollection().insertOne(new EventEntry(event, SERIALIZER).asDocument(EventEntryConfiguration.getDefault())
                .append(GlobalIndexStorageStrategy.GLOBAL_INDEX, index));
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
