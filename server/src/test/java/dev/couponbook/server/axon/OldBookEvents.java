package dev.couponbook.server.axon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Writes book events as older code stored them: a current event's document with an old payload and revision. */
final class OldBookEvents {

    private static final EventEntryConfiguration EVENTS = EventEntryConfiguration.getDefault();

    private final EventStore eventStore;
    private final GlobalIndexEventStorageEngine storageEngine;
    private final MongoTemplate axonMongoTemplate;

    OldBookEvents(EventStore eventStore, GlobalIndexEventStorageEngine storageEngine, MongoTemplate axonMongoTemplate) {
        this.eventStore = eventStore;
        this.storageEngine = storageEngine;
        this.axonMongoTemplate = axonMongoTemplate;
    }

    void store(Class<?> type, String bookId, long sequence, String revision, String payload) {
        String templateId = "template-" + UUID.randomUUID();
        eventStore.publish(new GenericDomainEventMessage<>("CouponBook", AggregateIds.book(templateId), 0,
                new CouponBookCreated(templateId, new CouponBookTerms("t", null, null, null, null, null, false, null, null, null, null), true, Map.of())));
        Document old = axonMongoTemplate.eventCollection()
                .find(new Document(EVENTS.aggregateIdentifierProperty(), AggregateIds.book(templateId))).first();
        old.remove("_id");
        old.put(EVENTS.eventIdentifierProperty(), UUID.randomUUID().toString());
        old.put(EVENTS.aggregateIdentifierProperty(), AggregateIds.book(bookId));
        old.put(EVENTS.sequenceNumberProperty(), sequence);
        old.put(EVENTS.timestampProperty(), DateTimeUtils.formatInstant(Instant.now()));
        old.put(EVENTS.payloadTypeProperty(), type.getName());
        old.put(EVENTS.payloadRevisionProperty(), revision);
        old.put(EVENTS.payloadProperty(), payload);
        old.put(GlobalIndexStorageStrategy.GLOBAL_INDEX, storageEngine.strategy().reserve(1));
        axonMongoTemplate.eventCollection().insertOne(old);
    }
}
