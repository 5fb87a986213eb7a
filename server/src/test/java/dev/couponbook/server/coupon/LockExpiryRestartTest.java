package dev.couponbook.server.coupon;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A lock's end is a deadline stored with the data: a lock taken before a restart is recorded as expired after it. */
class LockExpiryRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void canRecordTheExpiryOfALockTakenBeforeARestart() throws Exception {
        String code;
        try (ConfigurableApplicationContext first = start()) {
            CouponApi coupons = new CouponApi(new ApiClient(port(first)), first.getBean(JwtEncoder.class));
            CouponApi.Held held = coupons.heldCoupon(Map.of());
            code = held.code();
            assertThat(coupons.lock(code, held.token(), 3).status()).isEqualTo(200);
            assertThat(expiryRecorded(first, code)).as("the lock is still live at shutdown").isFalse();
        }
        try (ConfigurableApplicationContext second = start()) {
            Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
            while (!expiryRecorded(second, code) && Instant.now().isBefore(giveUp)) {
                Thread.sleep(200);
            }
            assertThat(expiryRecorded(second, code)).as("the deadline stored before the restart ran after it").isTrue();
        }
    }

    private static boolean expiryRecorded(ConfigurableApplicationContext context, String code) {
        return context.getBean(EventStore.class).readEvents(AggregateIds.coupon(code)).asStream()
                .anyMatch(event -> event.getPayload() instanceof CouponLockExpired);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CouponBookServer.class).run("--server.port=0",
                "--couponbook.namespace-per-run=true",
                "--couponbook.infrastructure.prefer-local-services=" + "true".equals(System.getenv("CI")),
                "--couponbook.embedded.data-dir=" + dataDir,
                "--couponbook.rate-limit.coupon-actions-per-user-per-minute=0");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
