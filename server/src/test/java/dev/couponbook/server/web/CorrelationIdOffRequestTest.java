package dev.couponbook.server.web;

import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.coupon.CouponApi;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** An event processor's thread logs with the correlation id of the request that caused the event. */
@Import(CorrelationIdOffRequestTest.Recorder.class)
class CorrelationIdOffRequestTest extends IntegrationTest {

    @Autowired
    JwtEncoder encoder;
    @Autowired
    Recorder recorder;

    @Test
    void canFollowARequestsCorrelationIdIntoAnEventProcessor() throws InterruptedException {
        String user = new CouponApi(api, encoder).newUser();
        String correlationId = "checkout-" + UUID.randomUUID();
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Correlation-Id", correlationId);
        String code = "NOPE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        api.send(HttpMethod.POST, "/api/v1/coupons/" + code + "/lock", user, Map.of(), MediaType.APPLICATION_JSON, headers);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!recorder.seen.containsKey(code) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(recorder.seen.get(code)).isEqualTo(correlationId);
    }

    /** Records the log context a processor thread has while handling each refusal. */
    @TestConfiguration
    @ProcessingGroup("correlation-test")
    static class Recorder {
        final Map<String, String> seen = new ConcurrentHashMap<>();

        @EventHandler
        void on(CouponActionRejected event) {
            if (event.code() != null && MDC.get(CorrelationIdFilter.MDC_KEY) != null) {
                seen.put(event.code(), MDC.get(CorrelationIdFilter.MDC_KEY));
            }
        }

        @Bean
        Recorder recorder() {
            return this;
        }
    }
}
