package dev.couponbook.server.axon;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event whose insert becomes visible seconds after later events (a commit held up by a busy
 * store or a primary election) still reaches every processor, which had already handled the later
 * ones, as long as the delay is within the gap timeout.
 */
class LateEventTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    GlobalIndexEventStorageEngine storage;
    @Autowired
    MongoTemplate axonMongoTemplate;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    ReadModelStatus status;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void canProjectAnEventThatBecameVisibleSecondsAfterLaterOnes() throws Exception {
        String book = "late-" + UUID.randomUUID();
        eventStore.publish(GenericEventMessage.asEventMessage(rejection(book, "ON-TIME")));
        awaitReadModels();
        long heldBack = storage.strategy().reserve(1);
        Instant takenAt = Instant.now();
        eventStore.publish(GenericEventMessage.asEventMessage(rejection(book, "AFTER")));
        awaitReadModels();
        Thread.sleep(4_000);

        String id = UUID.randomUUID().toString();
        axonMongoTemplate.eventCollection().insertOne(new EventEntry(new GenericDomainEventMessage<>(null, id, 0L,
                rejection(book, "LATE"), MetaData.emptyInstance(), id, takenAt), eventSerializer)
                .asDocument(EventEntryConfiguration.getDefault()).append(GlobalIndexStorageStrategy.GLOBAL_INDEX, heldBack));

        String analyst = api.token(ApiClient.ANALYST);
        ApiClient.Response page = api.await("/api/v1/transactions?couponBookId=" + book + "&size=10", analyst,
                r -> r.status() == 200 && r.json().get("items").size() == 3);
        assertThat(page.json().get("items").findValuesAsText("code")).containsExactlyInAnyOrder("ON-TIME", "AFTER", "LATE");
        Instant deadline = Instant.now().plusSeconds(20);
        while (!everyProcessorRead(heldBack)) {
            assertThat(Instant.now()).as("every processor reads the late event").isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private boolean everyProcessorRead(long index) {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .flatMap(processor -> ((StreamingEventProcessor) processor).processingStatus().values().stream())
                .map(EventTrackerStatus::getTrackingToken)
                .map(token -> (GapAwareTrackingToken) WrappedToken.unwrapLowerBound(token))
                .allMatch(token -> token.getIndex() >= index && !token.getGaps().contains(index));
    }

    private void awaitReadModels() {
        ReadModelProcessing.PROJECTIONS.forEach(group -> status.awaitCaughtUp(group, Duration.ofSeconds(20)));
    }

    private static CouponActionRejected rejection(String book, String code) {
        return new CouponActionRejected(CouponAction.LOCK, "COUPON_LOCKED", book, code, "late-user");
    }
}
