package dev.couponbook.server.coupon;

import dev.couponbook.command.RedisKeys;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.server.ApiClient;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants 3 and 4 through the API: locks that only their owner releases, redemptions that only a live lock allows. */
class LockAndRedemptionTest extends CouponIntegrationTest {

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Autowired
    EventStore events;

    @Test
    void canRedeemALockedCouponOnlyOnceUnder50ConcurrentRedemptions() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        List<ApiClient.Response> responses = CouponApi.race(50, i -> coupons.redeem(held.code(), held.token(), lockId));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() != 201)).hasSize(49)
                .allSatisfy(r -> assertThat(r.problemCode()).isIn("ALREADY_REDEEMED", "LOCK_NOT_HELD"));
        String again = coupons.lock(held.code(), held.token(), null).problemCode();
        assertThat(again).isEqualTo("ALREADY_REDEEMED");
    }

    @Test
    void canRedeemExactlyTwiceOverTimeWhenTheBookAllowsTwoRedemptions() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 2));
        int redeemed = 0;
        for (int round = 0; round < 3; round++) {
            ApiClient.Response lock = coupons.lock(held.code(), held.token(), null);
            if (lock.status() != 200) {
                assertThat(lock.status()).isEqualTo(422);
                assertThat(lock.problemCode()).isEqualTo("REDEMPTION_LIMIT_REACHED");
                continue;
            }
            String lockId = lock.json().get("lockId").asText();
            List<ApiClient.Response> responses = CouponApi.race(20, i -> coupons.redeem(held.code(), held.token(), lockId));
            redeemed += (int) responses.stream().filter(r -> r.status() == 201).count();
        }
        assertThat(redeemed).isEqualTo(2);
    }

    @Test
    void canLockOnlyOnceUnderConcurrentLockAttemptsAndTheWinnerKeepsItsLock() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());

        List<ApiClient.Response> responses = CouponApi.race(20, i -> coupons.lock(held.code(), coupons.admin, null));

        List<ApiClient.Response> granted = responses.stream().filter(r -> r.status() == 200).toList();
        assertThat(granted).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() != 200))
                .allSatisfy(r -> assertThat(r.problemCode()).isEqualTo("COUPON_LOCKED"));
        String lockId = granted.get(0).json().get("lockId").asText();
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isEqualTo(lockId);
        assertThat(coupons.redeem(held.code(), held.token(), lockId).status()).isEqualTo(201);
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isNull();
    }

    @Test
    void cannotReleaseTheHoldersLockThroughAFailedLockAttempt() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        assertThat(coupons.lock(held.code(), coupons.newUser(), null).status()).isIn(404, 409);
        assertThat(coupons.lock(held.code(), coupons.admin, null).problemCode()).isEqualTo("COUPON_LOCKED");
        assertThat(coupons.lock(held.code(), held.token(), 999_999).problemCode()).isEqualTo("INVALID_TTL");

        assertThat(redis.opsForValue().get(keys.lock(held.code()))).isEqualTo(lockId);
        assertThat(coupons.redeem(held.code(), held.token(), lockId).status()).isEqualTo(201);
    }

    @Test
    void cannotLockACouponOfAnotherUser() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());

        ApiClient.Response response = coupons.lock(held.code(), coupons.newUser(), null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("COUPON_NOT_FOUND");
        assertThat(redis.opsForValue().get(keys.lock(held.code()))).as("the refused attempt released its own lock").isNull();
    }

    /**
     * A stranger gets the same answer for a code in each state as for a code that does not
     * exist, on every coupon endpoint: nothing tells that the code exists, is held, is in a
     * checkout or was redeemed.
     */
    @Test
    void cannotTellAnotherUsersCouponInAnyStateFromAnUnknownCode() {
        CouponApi.CouponsInEveryState coupon = coupons.couponsInEveryState(null);
        String lockId = coupon.lockId();
        String unknown = "NOPE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String stranger = coupons.newUser();

        Map<String, String> states = Map.of("free", coupon.free(), "held", coupon.held(), "locked", coupon.locked(),
                "redeemed", coupon.redeemed(), "unknown", unknown);
        states.forEach((state, code) -> {
            assertThat(answer(coupons.lock(code, stranger, null))).as("lock, " + state).isEqualTo(NOT_HELD);
            assertThat(answer(coupons.lock(code, stranger, 60))).as("lock with a ttl, " + state).isEqualTo(NOT_HELD);
            assertThat(answer(coupons.unlock(code, stranger))).as("unlock, " + state).isEqualTo(NOT_HELD);
            assertThat(answer(coupons.redeem(code, stranger, lockId))).as("redeem with the owner's lock, " + state).isEqualTo(NOT_HELD);
            assertThat(answer(coupons.redeem(code, stranger, "some-lock"))).as("redeem, " + state).isEqualTo(NOT_HELD);
        });
        assertThat(coupons.redeem(coupon.locked(), coupon.owner(), lockId).status()).as("the owner's lock is untouched").isEqualTo(201);
    }

    private static final String NOT_HELD = "404 COUPON_NOT_FOUND you hold no coupon with this code";

    private static String answer(ApiClient.Response response) {
        return response.status() + " " + response.problemCode() + " " + response.json().get("detail").asText();
    }

    @Test
    void cannotRedeemWithAForeignLock() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        coupons.lock(held.code(), held.token(), null);

        ApiClient.Response response = coupons.redeem(held.code(), held.token(), UUID.randomUUID().toString());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isEqualTo("LOCK_NOT_HELD");
    }

    @Test
    void cannotRedeemWithAnExpiredLockAndTheExpiryIsRecorded() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), 1).json().get("lockId").asText();
        Thread.sleep(1_200);

        ApiClient.Response response = coupons.redeem(held.code(), held.token(), lockId);

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isIn("LOCK_EXPIRED", "LOCK_NOT_HELD");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!expiryRecorded(held.code()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(expiryRecorded(held.code())).isTrue();
    }

    @Test
    void canUnlockAndLockAgain() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String first = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        assertThat(coupons.unlock(held.code(), held.token()).status()).isEqualTo(204);
        assertThat(coupons.unlock(held.code(), held.token()).status()).isEqualTo(204);
        ApiClient.Response second = coupons.lock(held.code(), held.token(), 60);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("lockId").asText()).isNotEqualTo(first);
        assertThat(coupons.redeem(held.code(), held.token(), first).problemCode()).isEqualTo("LOCK_NOT_HELD");
    }

    @Test
    void cannotLockAnUnknownCode() {
        ApiClient.Response response = coupons.lock("NO-SUCH-CODE", coupons.newUser(), null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("COUPON_NOT_FOUND");
    }

    @Test
    void cannotRedeemWithTooMuchMetadata() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();

        ApiClient.Response response = api.post("/api/v1/coupons/" + held.code() + "/redemptions", held.token(),
                Map.of("lockId", lockId, "metadata", Map.of("note", "x".repeat(600))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("INVALID_METADATA");
    }

    private boolean expiryRecorded(String code) {
        return events.readEvents(AggregateIds.coupon(code)).asStream()
                .anyMatch(event -> event.getPayload() instanceof CouponLockExpired);
    }
}
