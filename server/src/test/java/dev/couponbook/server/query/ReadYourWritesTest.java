package dev.couponbook.server.query;

import dev.couponbook.query.usercoupon.UserCouponProjection;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.security.UserAccounts;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that got its write accepted reads it back at once by passing {@code waitMs}: the
 * answer waits until the read model has handled every event stored before the read.
 */
class ReadYourWritesTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    UserAccounts accounts;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void canReadItsOwnWriteImmediatelyByAskingToWait() {
        String email = "ryw-" + System.nanoTime() + "@example.com";
        accounts.createIfAbsent(email, ApiClient.PASSWORD, List.of("USER"));
        String userId = accounts.authenticate(email, ApiClient.PASSWORD).orElseThrow().id();
        String token = api.token(email);
        CouponHistory history = new CouponHistory(eventStore);
        String book = history.id("book");

        for (int i = 0; i < 10; i++) {
            history.assigned(book + "-" + i, book, userId);

            ApiClient.Response mine = api.get("/api/v1/me/coupons?size=50&waitMs=5000", token);

            assertThat(mine.status()).isEqualTo(200);
            assertThat(mine.json().get("items").findValuesAsText("code")).contains(book + "-" + i);
        }
    }

    @Test
    void cannotGetAnAnswerMissingItsWriteWhenItAsksToWait() {
        String userId = accounts.authenticate(ApiClient.USER, ApiClient.PASSWORD).orElseThrow().id();
        String token = api.token(ApiClient.USER);
        CouponHistory history = new CouponHistory(eventStore);
        String code = history.id("held-back");
        TrackingEventProcessor processor = processing
                .eventProcessor(UserCouponProjection.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            history.assigned(code, history.id("book"), userId);

            ApiClient.Response behind = api.get("/api/v1/me/coupons?waitMs=300", token);

            assertThat(behind.status()).isEqualTo(503);
            assertThat(behind.problemCode()).isEqualTo("READ_MODEL_BEHIND");
        } finally {
            processor.start();
        }
        ApiClient.Response caughtUp = api.get("/api/v1/me/coupons?size=200&waitMs=10000", token);

        assertThat(caughtUp.status()).isEqualTo(200);
        assertThat(caughtUp.json().get("items").findValuesAsText("code")).contains(code);
    }
}
