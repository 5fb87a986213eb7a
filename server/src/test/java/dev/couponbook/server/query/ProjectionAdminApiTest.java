package dev.couponbook.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.query.transaction.TransactionProjection;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins watch the processors and rebuild read models; readers are told while one is rebuilt. */
class ProjectionAdminApiTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ReadModelStatus readModels;

    @Test
    void canListEveryReadModelProcessorWithItsProgress() {
        CouponHistory history = new CouponHistory(eventStore);
        history.bookCreated(history.id("book"), false, null);
        ReadModels.awaitAll(readModels);

        ApiClient.Response list = api.get("/api/v1/admin/projections", api.token(ApiClient.ADMIN));

        assertThat(list.status()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        list.json().forEach(processor -> byName.put(processor.get("name").asText(), processor));
        assertThat(byName).containsKeys(ReadModelProcessing.PROJECTIONS.toArray(String[]::new));
        for (String projection : ReadModelProcessing.PROJECTIONS) {
            JsonNode processor = byName.get(projection);
            assertThat(processor.get("running").asBoolean()).isTrue();
            assertThat(processor.get("replaying").asBoolean()).isFalse();
            assertThat(processor.get("error").asBoolean()).isFalse();
            assertThat(processor.get("replayable").asBoolean()).isTrue();
            assertThat(processor.at("/segments/0/position").asText()).isNotBlank();
        }
    }

    @Test
    void canTellReadersThatAReadModelIsBeingRebuilt() {
        CouponHistory history = new CouponHistory(eventStore);
        String book = history.id("book");
        history.assigned(book + "-1", book, "someone");
        String admin = api.token(ApiClient.ADMIN);
        assertThat(api.get("/api/v1/transactions?couponBookId=" + book + "&waitMs=10000", admin).json().get("items")).hasSize(1);
        TrackingEventProcessor processor = processing
                .eventProcessor(TransactionProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();

        processor.shutDown();
        try {
            readModels.resetStarted(TransactionProjection.PROCESSING_GROUP);
            processor.resetTokens();

            ApiClient.Response during = api.get("/api/v1/transactions?couponBookId=" + book, admin);
            assertThat(during.json().get("rebuilding").asBoolean()).isTrue();
            assertThat(during.json().get("items")).isEmpty();
        } finally {
            processor.start();
        }
        ApiClient.Response after = api.await("/api/v1/transactions?couponBookId=" + book, admin,
                r -> !r.json().get("rebuilding").asBoolean());
        assertThat(after.json().get("rebuilding").asBoolean()).isFalse();
        assertThat(after.json().get("items")).hasSize(1);
    }

    @Test
    void cannotReplayAnUnknownProjection() {
        ApiClient.Response response = api.post("/api/v1/admin/projections/no-such-thing/replay", api.token(ApiClient.ADMIN), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("PROJECTION_NOT_FOUND");
    }

    @Test
    void cannotReplayOrWatchProjectionsWithoutTheAdminRole() {
        for (String role : new String[] {ApiClient.ANALYST, ApiClient.AUDITOR, ApiClient.USER}) {
            String token = api.token(role);
            assertThat(api.post("/api/v1/admin/projections/transactions/replay", token, null).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/admin/projections", token).status()).isEqualTo(403);
        }
    }
}
