package dev.couponbook.server.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

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

    private static long parked(JsonNode list) {
        JsonNode group = group(list);
        return group == null ? -1 : group.get("events").asLong();
    }

    private static JsonNode group(JsonNode list) {
        if (list == null) {
            return null;
        }
        for (JsonNode group : list) {
            if (FlakyProjection.GROUP.equals(group.get("processor").asText())) {
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
    }

    /** Throws on the "POISON" rejection while broken. */
    @ProcessingGroup(FlakyProjection.GROUP)
    static class FlakyProjection {
        static final String GROUP = "flaky-test";
        final AtomicBoolean broken = new AtomicBoolean();
        final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(CouponActionRejected event) {
            if (broken.get() && "POISON".equals(event.reason())) {
                throw new IllegalStateException("poisoned event");
            }
            handled.add(event.reason());
        }
    }
}
