package dev.couponbook.server.metrics;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Domain counters and Axon's processor metrics reach /actuator/prometheus. */
@AutoConfigureObservability(tracing = false)
class DomainMetricsTest extends IntegrationTest {

    @Autowired
    EventGateway events;

    @Test
    void canCountRejectionsByActionAndReason() {
        events.publish(new CouponActionRejected(CouponAction.LOCK, "COUPON_LOCKED", "b1", "CODE1", "u1"));
        events.publish(new CouponActionRejected(CouponAction.LOCK, "COUPON_LOCKED", "b1", "CODE1", "u2"));
        String metrics = api.get("/actuator/prometheus", api.token(ApiClient.ADMIN)).raw();
        assertThat(metrics).containsPattern("couponbook_coupons_rejected_total\\{action=\"LOCK\",[^}]*reason=\"COUPON_LOCKED\"} 2.0");
    }

    @Test
    void canExposeTheDomainCountersAndProcessorLatency() {
        String admin = api.token(ApiClient.ADMIN);
        api.post("/api/v1/coupon-books", admin, Map.of("name", "Metered"));
        String metrics = api.await("/actuator/prometheus", admin,
                r -> r.raw().contains("eventProcessor_latency")).raw();
        assertThat(metrics).contains("couponbook_coupons_assigned_total", "couponbook_coupons_redeemed_total",
                "couponbook_codes_generated_total", "couponbook_coupons_locked_total",
                "couponbook_coupons_lock_extended_total", "couponbook_coupons_reversed_total");
        assertThat(metrics).as("Axon's per-processor latency (lag) metric").contains("eventProcessor_latency");
    }
}
