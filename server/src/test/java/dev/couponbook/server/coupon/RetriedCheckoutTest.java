package dev.couponbook.server.coupon;

import com.mongodb.client.model.Filters;
import dev.couponbook.command.RedisKeys;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.server.ApiClient;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, part 3: the holder locking again while their lock is live gets the same lock back, extended. */
class RetriedCheckoutTest extends CouponIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    EventStore events;

    @Autowired
    MongoTemplate mongo;

    @Test
    void canLockAgainAsTheHolderGettingTheSameLockExtended() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        ApiClient.Response first = coupons.lock(held.code(), held.token(), 60);

        ApiClient.Response again = coupons.lock(held.code(), held.token(), 600);

        assertThat(again.status()).isEqualTo(200);
        String lockId = first.json().get("lockId").asText();
        assertThat(again.json().get("lockId").asText()).isEqualTo(lockId);
        Instant extended = Instant.parse(again.json().get("lockedUntil").asText());
        assertThat(extended).isAfter(Instant.parse(first.json().get("lockedUntil").asText()).plusSeconds(500));
        assertThat(redis.getExpire(keys.lock(held.code()), TimeUnit.SECONDS)).isGreaterThan(500);
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isEqualTo(lockId);
        assertThat(coupons.redeem(held.code(), held.token(), lockId).status()).isEqualTo(201);
    }

    @Test
    void canLockAgainWithAShorterTtlKeepingTheLaterEnd() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        ApiClient.Response first = coupons.lock(held.code(), held.token(), 600);

        ApiClient.Response again = coupons.lock(held.code(), held.token(), 5);

        assertThat(again.json().get("lockId").asText()).isEqualTo(first.json().get("lockId").asText());
        assertThat(again.json().get("lockedUntil").asText()).isEqualTo(first.json().get("lockedUntil").asText());
        assertThat(redis.getExpire(keys.lock(held.code()), TimeUnit.SECONDS)).isGreaterThan(500);
    }

    /** The coupon decides: with its Redis key lost, the holder's retry still gets the recorded lock, and Redis holds it again. */
    @Test
    void canLockAgainAsTheHolderAfterRedisLostTheLock() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), 60).json().get("lockId").asText();
        redis.delete(keys.lock(held.code()));

        ApiClient.Response again = coupons.lock(held.code(), held.token(), 120);

        assertThat(again.json().get("lockId").asText()).isEqualTo(lockId);
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isEqualTo(lockId);
        assertThat(redis.getExpire(keys.lock(held.code()), TimeUnit.SECONDS)).isBetween(100L, 120L);
        assertOneLock(held, lockId);
    }

    @Test
    void cannotLockAnotherUsersCouponWhileItsLockIsLive() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        ApiClient.Response stranger = coupons.lock(held.code(), coupons.newUser(), null);
        ApiClient.Response admin = coupons.lock(held.code(), coupons.admin, 600);

        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.problemCode()).isEqualTo("COUPON_NOT_FOUND");
        assertThat(admin.status()).isEqualTo(409);
        assertThat(admin.problemCode()).isEqualTo("COUPON_LOCKED");
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isEqualTo(lockId);
    }

    @Test
    void canReplaceAnExpiredLockWithANewOne() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String expired = coupons.lock(held.code(), held.token(), 1).json().get("lockId").asText();
        Thread.sleep(1_200);

        ApiClient.Response again = coupons.lock(held.code(), held.token(), 60);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("lockId").asText()).isNotEqualTo(expired);
        assertThat(coupons.redeem(held.code(), held.token(), expired).problemCode()).isEqualTo("LOCK_NOT_HELD");
    }

    /** The expiry is recorded at the lock's end as extended, not at its first end. */
    @Test
    void cannotExpireAnExtendedLockAtItsFirstEnd() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), 1).json().get("lockId").asText();
        coupons.lock(held.code(), held.token(), 4);

        Thread.sleep(2_500);
        assertThat(history(held.code(), CouponLockExpired.class)).isZero();
        assertThat(expiryScheduled(lockId)).as("the lock's end is a stored deadline").isTrue();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (history(held.code(), CouponLockExpired.class) == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(history(held.code(), CouponLockExpired.class)).isEqualTo(1);
    }

    @Test
    void canLockAgain20TimesAtOnceAsTheHolderAllAnsweringTheSameLock() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), 30).json().get("lockId").asText();

        List<ApiClient.Response> responses = CouponApi.race(20, i -> coupons.lock(held.code(), held.token(), 60 + i));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("lockId").asText()).isEqualTo(lockId);
        });
        assertOneLock(held, lockId);
    }

    /** A checkout that crashed before its lock was answered, retried at once: the first lock of all is shared. */
    @Test
    void canLockFor20ConcurrentCheckoutsOfTheHolderWithOneLock() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());

        List<ApiClient.Response> responses = CouponApi.race(20, i -> coupons.lock(held.code(), held.token(), null));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<String> lockIds = responses.stream().map(r -> r.json().get("lockId").asText()).distinct().toList();
        assertThat(lockIds).hasSize(1);
        assertOneLock(held, lockIds.get(0));
    }

    @Test
    void cannotLockAsAnAdminWhileTheHolderRetriesConcurrently() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        List<ApiClient.Response> responses = CouponApi.race(20, i ->
                coupons.lock(held.code(), i % 4 == 0 ? coupons.admin : held.token(), 120));

        for (int i = 0; i < responses.size(); i++) {
            ApiClient.Response response = responses.get(i);
            if (i % 4 == 0) {
                assertThat(response.problemCode()).isEqualTo("COUPON_LOCKED");
            } else {
                assertThat(response.json().get("lockId").asText()).isEqualTo(lockId);
            }
        }
        assertOneLock(held, lockId);
    }

    private void assertOneLock(CouponApi.Held held, String lockId) {
        assertThat(history(held.code(), CouponLocked.class)).as("locks recorded").isEqualTo(1);
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isEqualTo(lockId);
        assertThat(expiryScheduled(lockId)).as("the lock's end is a stored deadline").isTrue();
        assertThat(coupons.redeem(held.code(), held.token(), lockId).status()).isEqualTo(201);
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isNull();
    }

    private long history(String code, Class<?> type) {
        return events.readEvents(AggregateIds.coupon(code)).asStream().filter(event -> type.isInstance(event.getPayload())).count();
    }

    /** Whether a deadline naming the lock is stored: its payload is the lock id. */
    private boolean expiryScheduled(String lockId) {
        return mongo.getCollection("jobrunr_jobs").countDocuments(Filters.regex("jobAsJson", Pattern.quote(lockId))) > 0;
    }
}
