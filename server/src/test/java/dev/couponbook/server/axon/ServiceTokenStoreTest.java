package dev.couponbook.server.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A processor's claim is written once per batch, not twice: an extension right after a write is skipped. */
class ServiceTokenStoreTest {

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final MovableClock clock = new MovableClock();
    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoTemplate template;
    private TokenStore tokens;

    @BeforeEach
    void start() {
        server = EmbeddedMongoServer.inMemory();
        client = MongoClients.create(server.connectionString("tokens"));
        template = DefaultMongoTemplate.builder().mongoDatabase(client, "tokens").build();
        GlobalIndexStorageStrategy strategy = new GlobalIndexStorageStrategy(
                client.getDatabase("tokens").getCollection(AxonMongoConfiguration.EVENT_COUNTERS), true,
                new EventTrackingProperties(null, null), clock);
        GlobalIndexEventStorageEngine engine = new GlobalIndexEventStorageEngine(
                MongoEventStorageEngine.builder().eventSerializer(serializer).snapshotSerializer(serializer), template, strategy);
        tokens = new ServiceTokenStore(MongoTokenStore.builder().mongoTemplate(template).serializer(serializer)
                .nodeId("node").build(), engine, clock);
        tokens.initializeTokenSegments("processor", 1, GapAwareTrackingToken.newInstance(0, List.of()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void canSkipAClaimExtensionRightAfterTheClaimWasWritten() throws Exception {
        tokens.storeToken(GapAwareTrackingToken.newInstance(5, List.of()), "processor", 0);
        Object written = claimTime();
        Thread.sleep(20);

        tokens.extendClaim("processor", 0);

        assertThat(claimTime()).isEqualTo(written);
    }

    @Test
    void canExtendAClaimConfirmedLongerAgoThanTheWindow() throws Exception {
        tokens.storeToken(GapAwareTrackingToken.newInstance(5, List.of()), "processor", 0);
        Object written = claimTime();
        Thread.sleep(20);
        clock.advance(ServiceTokenStore.CONFIRMED_FOR);

        tokens.extendClaim("processor", 0);

        assertThat(claimTime()).isNotEqualTo(written);
    }

    private Object claimTime() {
        return template.trackingTokensCollection().find(Filters.eq("processorName", "processor")).first().get("timestamp");
    }
}
