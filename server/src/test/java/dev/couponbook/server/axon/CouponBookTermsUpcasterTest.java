package dev.couponbook.server.axon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Books stored under revision "1" of the terms, when {@code maxRedemptionsPerUser} limited each
 * coupon, are read with that limit as {@code maxRedemptionsPerCode} and no per-user limit, so they
 * keep their behaviour; revision "0" books take both steps.
 */
class CouponBookTermsUpcasterTest extends IntegrationTest {

    private static final EventEntryConfiguration EVENTS = EventEntryConfiguration.getDefault();

    @Autowired
    EventStore eventStore;
    @Autowired
    GlobalIndexEventStorageEngine storageEngine;
    @Autowired
    MongoTemplate axonMongoTemplate;

    @Test
    void canReadARevisionOneBooksPerUserLimitAsTheSamePerCodeLimit() {
        String bookId = "old-" + UUID.randomUUID();
        store(CouponBookCreated.class, bookId, 0, "1", """
                {"bookId":"%s","terms":{"name":"Loyalty","maxCodesPerUser":1,"maxRedemptionsPerUser":3,
                 "allowMultipleRedemptions":true},"active":true}""".formatted(bookId));
        store(CouponBookUpdated.class, bookId, 1, "1", """
                {"bookId":"%s","terms":{"name":"Loyalty 2","maxCodesPerUser":1,"maxRedemptionsPerUser":4,
                 "allowMultipleRedemptions":true}}""".formatted(bookId));

        List<? extends DomainEventMessage<?>> history = storageEngine.readEvents(AggregateIds.book(bookId), 0).asStream().toList();

        assertThat(((CouponBookCreated) history.get(0).getPayload()).terms())
                .isEqualTo(new CouponBookTerms("Loyalty", null, null, null, 1, null, true, null, 3, null, null));
        assertThat(((CouponBookUpdated) history.get(1).getPayload()).terms())
                .isEqualTo(new CouponBookTerms("Loyalty 2", null, null, null, 1, null, true, null, 4, null, null));
        ApiClient.Response book = api.await("/api/v1/coupon-books/" + bookId, api.token(ApiClient.ADMIN),
                r -> r.status() == 200 && r.json().at("/terms/name").asText().equals("Loyalty 2"));
        assertThat(book.json().at("/terms/maxRedemptionsPerCode").asInt()).isEqualTo(4);
        assertThat(book.json().at("/terms").has("maxRedemptionsPerUser")).isFalse();
    }

    @Test
    void canReadARevisionZeroBookThroughBothSteps() {
        String bookId = "older-" + UUID.randomUUID();
        store(CouponBookCreated.class, bookId, 0, "0", """
                {"bookId":"%s","name":"Spring 2019","maxCodesPerUser":2,"maxRedemptionsPerUser":5,
                 "allowMultipleRedemptions":true,"active":true}""".formatted(bookId));

        CouponBookCreated created = (CouponBookCreated) storageEngine.readEvents(AggregateIds.book(bookId), 0)
                .asStream().toList().get(0).getPayload();

        assertThat(created.terms()).isEqualTo(new CouponBookTerms("Spring 2019", null, null, null, 2, null, true, null, 5, null, null));
    }

    @Test
    void canKeepARevisionOneSingleUseBookSingleUse() {
        String bookId = "single-" + UUID.randomUUID();
        store(CouponBookCreated.class, bookId, 0, "1", """
                {"bookId":"%s","terms":{"name":"Once","maxRedemptionsPerUser":3,"allowMultipleRedemptions":false},
                 "active":true}""".formatted(bookId));

        CouponBookCreated created = (CouponBookCreated) storageEngine.readEvents(AggregateIds.book(bookId), 0)
                .asStream().toList().get(0).getPayload();

        assertThat(created.terms().maxRedemptionsPerUser()).isNull();
        assertThat(created.terms().redemptionsAllowedPerCoupon()).isEqualTo(1);
    }

    /** Writes the document older code wrote: a current event's document with an old payload and revision. */
    private void store(Class<?> type, String bookId, long sequence, String revision, String payload) {
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
