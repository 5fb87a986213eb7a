package dev.couponbook.server.axon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Books stored under revision "1" of the terms, when {@code maxRedemptionsPerUser} limited each
 * coupon, are read with that limit as {@code maxRedemptionsPerCode} and no per-user limit, so they
 * keep their behaviour; revision "0" books take both steps.
 */
class CouponBookTermsUpcasterTest extends IntegrationTest {

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
    void canReadARevisionOneBooksPerUserLimitAsTheSamePerCodeLimit() {
        String bookId = "old-" + UUID.randomUUID();
        old().store(CouponBookCreated.class, bookId, 0, "1", """
                {"bookId":"%s","terms":{"name":"Loyalty","maxCodesPerUser":1,"maxRedemptionsPerUser":3,
                 "allowMultipleRedemptions":true},"active":true}""".formatted(bookId));
        old().store(CouponBookUpdated.class, bookId, 1, "1", """
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
        old().store(CouponBookCreated.class, bookId, 0, "0", """
                {"bookId":"%s","name":"Spring 2019","maxCodesPerUser":2,"maxRedemptionsPerUser":5,
                 "allowMultipleRedemptions":true,"active":true}""".formatted(bookId));

        CouponBookCreated created = (CouponBookCreated) storageEngine.readEvents(AggregateIds.book(bookId), 0)
                .asStream().toList().get(0).getPayload();

        assertThat(created.terms()).isEqualTo(new CouponBookTerms("Spring 2019", null, null, null, 2, null, true, null, 5, null, null));
    }

    @Test
    void canKeepARevisionOneSingleUseBookSingleUse() {
        String bookId = "single-" + UUID.randomUUID();
        old().store(CouponBookCreated.class, bookId, 0, "1", """
                {"bookId":"%s","terms":{"name":"Once","maxRedemptionsPerUser":3,"allowMultipleRedemptions":false},
                 "active":true}""".formatted(bookId));

        CouponBookCreated created = (CouponBookCreated) storageEngine.readEvents(AggregateIds.book(bookId), 0)
                .asStream().toList().get(0).getPayload();

        assertThat(created.terms().maxRedemptionsPerUser()).isNull();
        assertThat(created.terms().redemptionsAllowedPerCoupon()).isEqualTo(1);
    }
}
