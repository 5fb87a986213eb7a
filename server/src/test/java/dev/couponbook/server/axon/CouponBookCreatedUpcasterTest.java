package dev.couponbook.server.axon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A book created under the old, flat revision "0" is read as today's shape by the store and the read model. */
class CouponBookCreatedUpcasterTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    GlobalIndexEventStorageEngine storageEngine;
    @Autowired
    MongoTemplate axonMongoTemplate;

    private OldBookEvents old() {
        return new OldBookEvents(eventStore, storageEngine, axonMongoTemplate);
    }

    @Test
    void canReadARevisionZeroBookAsTheCurrentShape() {
        String bookId = "old-" + UUID.randomUUID();
        old().store(CouponBookCreated.class, bookId, 0, "0", """
                {"bookId":"%s","name":"Spring 2019","description":"from the old system","startDate":null,
                 "endDate":"2030-01-01T00:00:00Z","maxCodesPerUser":2,"maxRedemptionsPerUser":null,
                 "allowMultipleRedemptions":false,"codePattern":null,"active":true}""".formatted(bookId));

        List<? extends DomainEventMessage<?>> history = storageEngine.readEvents(AggregateIds.book(bookId), 0).asStream().toList();

        assertThat(history).hasSize(1);
        CouponBookCreated created = (CouponBookCreated) history.get(0).getPayload();
        assertThat(created.bookId()).isEqualTo(bookId);
        assertThat(created.active()).isTrue();
        assertThat(created.terms()).isEqualTo(new CouponBookTerms("Spring 2019", "from the old system", null,
                Instant.parse("2030-01-01T00:00:00Z"), 2, null, false, null, null, null, null));
        assertThat(created.metadata()).as("read through revisions 1 and 2 to today's 3").isEmpty();
        ApiClient.Response book = api.await("/api/v1/coupon-books/" + bookId, api.token(ApiClient.ADMIN), r -> r.status() == 200);
        assertThat(book.json().at("/terms/name").asText()).isEqualTo("Spring 2019");
        assertThat(book.json().at("/terms/maxCodesPerUser").asInt()).isEqualTo(2);
        assertThat(book.json().get("metadata").isObject() && book.json().get("metadata").isEmpty()).isTrue();
    }

    /** Writes the document the old code wrote: a current event's document with the flat payload and revision "0". */
}
