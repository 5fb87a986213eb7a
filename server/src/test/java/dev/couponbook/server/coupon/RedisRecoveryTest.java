package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.embedded.EmbeddedRedis;
import dev.couponbook.server.faults.CuttableProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis becomes unreachable and comes back (the service reaches it through a relay the test
 * cuts): lock and redeem fail fast with 503 meanwhile, and afterwards everything works again,
 * including the redemption under the lock taken before the outage.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RedisRecoveryTest extends CouponIntegrationTest {

    private static final EmbeddedRedis REDIS = EmbeddedRedis.start();
    private static final CuttableProxy RELAY = relay();

    @DynamicPropertySource
    static void throughTheRelay(DynamicPropertyRegistry properties) {
        properties.add("couponbook.redis.url", () -> "redis://127.0.0.1:" + RELAY.port());
    }

    @AfterAll
    static void stop() throws IOException {
        RELAY.close();
        REDIS.close();
    }

    @Test
    void canWorkAgainWhenRedisReturns() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(3), Map.of("name", "Outage"));
        CouponApi.Held held = coupons.heldCoupon(Map.of("name", "Held"));
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        RELAY.cut();
        ApiClient.Response lockDuringOutage = coupons.lock(held.code(), held.token(), null);
        ApiClient.Response redeemDuringOutage = coupons.redeem(held.code(), held.token(), lockId);
        assertThat(lockDuringOutage.status()).isEqualTo(503);
        assertThat(redeemDuringOutage.status()).isEqualTo(503);
        assertThat(redeemDuringOutage.problemCode()).isEqualTo("REDIS_UNAVAILABLE");

        RELAY.restore();
        ApiClient.Response redeemed = awaitNot503(() -> coupons.redeem(held.code(), held.token(), lockId));
        assertThat(redeemed.status()).as("the lock taken before the outage is still valid").isEqualTo(201);
        assertThat(coupons.redeem(held.code(), held.token(), lockId).status())
                .as("and it was consumed by that one redemption").isEqualTo(409);
        assertThat(awaitNot503(() -> coupons.assign(bookId, coupons.newUser())).status()).isEqualTo(201);
    }

    private static ApiClient.Response awaitNot503(java.util.function.Supplier<ApiClient.Response> call) {
        long deadline = System.currentTimeMillis() + 45_000;
        ApiClient.Response last = call.get();
        while (last.status() == 503 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = call.get();
        }
        return last;
    }

    private static CuttableProxy relay() {
        try {
            return new CuttableProxy(REDIS.port());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
