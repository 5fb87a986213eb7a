package dev.couponbook.server.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.query.readmodel.ReadModelBatch;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A handler that throws on one event neither stalls its processor nor skips the event silently. */
@Import(DeadLetterTest.FlakyProjectionConfiguration.class)
class DeadLetterTest extends IntegrationTest {

    @Autowired
    EventGateway events;

    @Autowired
    FlakyProjection projection;

    @Autowired
    MongoTemplate mongo;

    @Test
    void canParkAFailingEventKeepGoingAndRetryItLater() {
        String admin = api.token(ApiClient.ADMIN);
        projection.broken.set(true);
        events.publish(new CouponActionRejected(CouponAction.REDEEM, "POISON", "b1", "C1", "u1"));
        events.publish(new CouponActionRejected(CouponAction.REDEEM, "FINE", "b1", "C2", "u2"));

        api.await("/api/v1/admin/dead-letters", admin, r -> parked(r.json()) == 1 && projection.handled.contains("FINE"));
        assertThat(projection.handled).as("the processor went on past the failing event").containsExactly("FINE");
        JsonNode flaky = group(api.get("/api/v1/admin/dead-letters", admin).json());
        assertThat(flaky.get("events").asLong()).isEqualTo(1);
        assertThat(flaky.at("/parked/0/eventType").asText()).isEqualTo("CouponActionRejected");
        assertThat(flaky.at("/parked/0/cause").asText()).contains("poisoned");
        assertThat(api.get("/api/v1/admin/dead-letters", api.token(ApiClient.USER)).status()).isEqualTo(403);

        projection.broken.set(false);
        ApiClient.Response retried = api.post("/api/v1/admin/dead-letters/" + FlakyProjection.GROUP + "/retry", admin, null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("eventsStillParked").asLong()).isZero();
        assertThat(projection.handled).containsExactly("FINE", "POISON");
    }

    /**
     * Read-model writes are sent in bulk at the end of a batch, outside every handler; one write
     * the store cannot take (here a field name with a NUL) used to fail the batch for ever.
     */
    @Test
    void canParkAnEventWhoseReadModelWriteTheStoreRefusesAndKeepGoing() {
        String admin = api.token(ApiClient.ADMIN);
        events.publish(new CouponActionRejected(CouponAction.LOCK, "UNSTORABLE", "b2", "C3", "u3"));
        events.publish(new CouponActionRejected(CouponAction.LOCK, "STORABLE", "b2", "C4", "u4"));

        ApiClient.Response letters = api.await("/api/v1/admin/dead-letters", admin,
                r -> parked(r.json(), UnstorableProjection.GROUP) == 1
                        && mongo.getCollection(UnstorableProjection.GROUP).countDocuments(new Document("_id", "STORABLE")) == 1);
        assertThat(parked(letters.json(), UnstorableProjection.GROUP)).as("the failing event is parked").isEqualTo(1);
        assertThat(mongo.getCollection(UnstorableProjection.GROUP).countDocuments(new Document("_id", "STORABLE")))
                .as("the processor went on past the failing event").isEqualTo(1);
        JsonNode group = group(letters.json(), UnstorableProjection.GROUP);
        assertThat(group.at("/parked/0/cause").asText()).contains("null character");
    }

    private static long parked(JsonNode list) {
        return parked(list, FlakyProjection.GROUP);
    }

    private static long parked(JsonNode list, String processor) {
        JsonNode group = group(list, processor);
        return group == null ? -1 : group.get("events").asLong();
    }

    private static JsonNode group(JsonNode list) {
        return group(list, FlakyProjection.GROUP);
    }

    private static JsonNode group(JsonNode list, String processor) {
        if (list == null) {
            return null;
        }
        for (JsonNode group : list) {
            if (processor.equals(group.get("processor").asText())) {
                return group;
            }
        }
        return null;
    }

    /** Registers the flaky projection for this test only. */
    @TestConfiguration
    static class FlakyProjectionConfiguration {
        @Bean
        FlakyProjection flakyProjection() {
            return new FlakyProjection();
        }

        @Bean
        UnstorableProjection unstorableProjection(MongoTemplate mongo) {
            return new UnstorableProjection(mongo.getCollection(UnstorableProjection.GROUP));
        }

        /** Processed as the read models are: errors propagate, writes flush at the end of each batch. */
        @Bean
        ConfigurerModule unstorableProcessing() {
            return configurer -> configurer.eventProcessing(processing -> processing
                    .registerListenerInvocationErrorHandler(UnstorableProjection.GROUP, config -> PropagatingErrorHandler.instance())
                    .registerHandlerInterceptor(UnstorableProjection.GROUP, config -> ReadModelProcessing.flushAtEndOfBatch()));
        }
    }

    /** Writes through the read-model batch like the real projections; "UNSTORABLE" gets a field name BSON cannot hold. */
    @ProcessingGroup(UnstorableProjection.GROUP)
    record UnstorableProjection(MongoCollection<Document> collection) {
        static final String GROUP = "unstorable-test";

        @EventHandler
        void on(CouponActionRejected event) {
            String field = "UNSTORABLE".equals(event.reason()) ? "bad\u0000key" : "fine";
            ReadModelBatch.current().write(collection, new UpdateOneModel<>(Filters.eq("_id", event.reason()),
                    Updates.set(field, 1), new UpdateOptions().upsert(true)));
        }
    }

    /** Throws on the "POISON" rejection while broken. */
    @ProcessingGroup(FlakyProjection.GROUP)
    static class FlakyProjection {
        static final String GROUP = "flaky-test";
        final AtomicBoolean broken = new AtomicBoolean();
        final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(CouponActionRejected event) {
            if (event.action() != CouponAction.REDEEM) {
                return; // the other test's events
            }
            if (broken.get() && "POISON".equals(event.reason())) {
                throw new IllegalStateException("poisoned event");
            }
            handled.add(event.reason());
        }
    }
}
