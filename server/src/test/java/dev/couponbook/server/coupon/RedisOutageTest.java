package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.embedded.EmbeddedRedis;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without Redis, lock, redemption and assignment answer 503 within the bounded Redis timeout,
 * changing nothing. Also under CI=true: the test starts an embedded Redis of its own, which it may stop.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "couponbook.infrastructure.prefer-local-services=false")
class RedisOutageTest extends CouponIntegrationTest {

    @Autowired
    ObjectProvider<EmbeddedRedis> embeddedRedis;

    @Test
    void cannotLockRedeemOrAssignWhileRedisIsDownAndSaysSoQuickly() {
        EmbeddedRedis redis = embeddedRedis.getIfAvailable();
        assertThat(redis).as("this context's own Redis").isNotNull();
        String bookId = coupons.bookWith(CouponApi.freshCodes(2), Map.of());
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        redis.close();

        long started = System.nanoTime();
        ApiClient.Response lock = coupons.lock(held.code(), held.token(), null);
        ApiClient.Response redeem = coupons.redeem(held.code(), held.token(), lockId);
        ApiClient.Response assign = coupons.assign(bookId, coupons.newUser());
        long millis = (System.nanoTime() - started) / 1_000_000;

        for (ApiClient.Response response : new ApiClient.Response[] {lock, redeem, assign}) {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.problemCode()).isEqualTo("REDIS_UNAVAILABLE");
        }
        assertThat(millis).as("three refusals within the bounded timeouts").isLessThan(9_000);
    }
}
