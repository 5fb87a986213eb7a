package dev.couponbook.server.query;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event whose insert becomes visible seconds after its timestamp (a commit held up by a busy
 * store or a primary election) still reaches the projections that had already read past that
 * timestamp, as long as the delay is within the configured look-back window.
 */
class LateEventTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    ReadModelStatus status;

    @Test
    void canProjectAnEventThatBecameVisibleSecondsAfterItsTimestamp() throws Exception {
        String book = "late-" + UUID.randomUUID();
        eventStore.publish(GenericEventMessage.asEventMessage(rejection(book, "ON-TIME")));
        ReadModels.awaitAll(status);
        Thread.sleep(1_500);
        eventStore.publish(GenericEventMessage.asEventMessage(rejection(book, "AFTER")));
        ReadModels.awaitAll(status);

        storage.appendEvents(List.of(new GenericEventMessage<>(UUID.randomUUID().toString(), rejection(book, "LATE"), Map.of(),
                Instant.now().minusSeconds(5))));

        String analyst = api.token(ApiClient.ANALYST);
        ApiClient.Response page = api.await("/api/v1/transactions?couponBookId=" + book + "&size=10", analyst,
                r -> r.status() == 200 && r.json().get("items").size() == 3);
        assertThat(page.json().get("items").findValuesAsText("code")).containsExactlyInAnyOrder("ON-TIME", "AFTER", "LATE");
    }

    private static CouponActionRejected rejection(String book, String code) {
        return new CouponActionRejected(CouponAction.LOCK, "COUPON_LOCKED", book, code, "late-user");
    }
}
