package dev.couponbook.server.coupon;

import dev.couponbook.command.pool.CodePool;
import dev.couponbook.command.pool.CodePoolRebuilder;
import dev.couponbook.command.RedisKeys;
import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis pool is only a fast path: stale entries never double-assign, and a lost pool comes back from the history. */
class CodePoolTest extends CouponIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    CodePool pool;

    @Autowired
    CodePoolRebuilder rebuilder;

    @Test
    void cannotAssignACodeTwiceThroughAStalePoolEntry() throws InterruptedException {
        awaitPoolsReady();
        String bookId = coupons.bookWith(CouponApi.freshCodes(2), Map.of());
        String taken = coupons.assign(bookId, coupons.newUser()).json().get("code").asText();
        pool.putBack(bookId, taken);

        ApiClient.Response second = coupons.assign(bookId, coupons.newUser());
        ApiClient.Response third = coupons.assign(bookId, coupons.newUser());

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.json().get("code").asText()).isNotEqualTo(taken);
        assertThat(third.problemCode()).isEqualTo("NO_CODES_AVAILABLE");
    }

    @Test
    void canRebuildALostPoolFromTheHistory() throws Exception {
        List<String> codes = CouponApi.freshCodes(10);
        String bookId = coupons.bookWith(codes, Map.of());
        Set<String> assigned = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            assigned.add(coupons.assign(bookId, coupons.newUser()).json().get("code").asText());
        }
        awaitPoolSize(bookId, 7);

        redis.delete(List.of(keys.pool(bookId), keys.poolMarker()));
        rebuilder.rebuildIfLost();
        awaitPoolSize(bookId, 7);

        for (int i = 0; i < 7; i++) {
            ApiClient.Response response = coupons.assign(bookId, coupons.newUser());
            assertThat(response.status()).isEqualTo(201);
            assertThat(assigned.add(response.json().get("code").asText())).isTrue();
        }
        assertThat(assigned).containsExactlyInAnyOrderElementsOf(codes);
        awaitPoolsReady();
        assertThat(coupons.assign(bookId, coupons.newUser()).problemCode()).isEqualTo("NO_CODES_AVAILABLE");
    }

    /** Until the pools are marked as following the history again, an empty pool answers POOL_REBUILDING. */
    private void awaitPoolsReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (pool.rebuilding() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(pool.rebuilding()).isFalse();
    }

    private void awaitPoolSize(String bookId, long size) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (pool.size(bookId) != size && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(pool.size(bookId)).isEqualTo(size);
    }
}
