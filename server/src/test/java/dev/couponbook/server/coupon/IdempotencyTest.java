package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A retry with the same Idempotency-Key returns the first response and has no second effect. */
class IdempotencyTest extends CouponIntegrationTest {

    @Test
    void canRetryAnAssignmentWithoutGettingASecondCode() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(5), Map.of("maxCodesPerUser", 2));
        String user = coupons.newUser();
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = coupons.assign(bookId, user, key);
        ApiClient.Response retry = coupons.assign(bookId, user, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(coupons.assign(bookId, user).status()).as("the retry used no second slot").isEqualTo(201);
        assertThat(coupons.assign(bookId, user).problemCode()).isEqualTo("CODE_LIMIT_REACHED");
    }

    @Test
    void canRunConcurrentRetriesOfOneKeyOnlyOnce() throws Exception {
        String bookId = coupons.bookWith(CouponApi.freshCodes(30), Map.of());
        String user = coupons.newUser();
        String key = UUID.randomUUID().toString();

        List<ApiClient.Response> responses = CouponApi.race(20, i -> coupons.assign(bookId, user, key));

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        assertThat(responses.stream().filter(r -> r.status() == 201).map(r -> r.json().get("code").asText()).distinct())
                .hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 409))
                .allSatisfy(r -> assertThat(r.problemCode()).isEqualTo("IDEMPOTENCY_KEY_IN_USE"));
        ApiClient.Response later = coupons.assign(bookId, user, key);
        assertThat(later.status()).isEqualTo(201);
        ApiClient.Response own = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        assertThat(later.json().get("code")).isEqualTo(own.json().get("code"));
    }

    @Test
    void canRetryARedemptionAndGetTheFirstAnswer() {
        CouponApi.Held held = coupons.heldCoupon(Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 5));
        String lockId = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();
        String key = UUID.randomUUID().toString();

        ApiClient.Response first = coupons.redeem(held.code(), held.token(), lockId, key);
        ApiClient.Response retry = coupons.redeem(held.code(), held.token(), lockId, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json().get("redemptionId")).isEqualTo(first.json().get("redemptionId"));
        assertThat(retry.json().get("redemptionNumber").asInt()).isEqualTo(1);
        String nextLock = coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();
        assertThat(coupons.redeem(held.code(), held.token(), nextLock).json().get("redemptionNumber").asInt())
                .as("the retry redeemed nothing").isEqualTo(2);
    }

    @Test
    void cannotReuseAKeyForAnotherRequest() {
        String bookA = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        String bookB = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        String user = coupons.newUser();
        String key = UUID.randomUUID().toString();
        coupons.assign(bookA, user, key);

        ApiClient.Response response = coupons.assign(bookB, user, key);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    /** An admin's key used for user A and then for user B must not hand B the answer about A's coupon. */
    @Test
    void cannotReuseAKeyWithAnotherBody() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(3), Map.of());
        HttpHeaders key = new HttpHeaders();
        key.add("Idempotency-Key", UUID.randomUUID().toString());
        String path = "/api/v1/coupon-books/" + bookId + "/assignments";
        ApiClient.Response first = api.send(HttpMethod.POST, path, coupons.admin, "{\"userId\": \"user-a\"}",
                MediaType.APPLICATION_JSON, key);
        assertThat(first.status()).isEqualTo(201);

        ApiClient.Response other = api.send(HttpMethod.POST, path, coupons.admin, "{\"userId\": \"user-b\"}",
                MediaType.APPLICATION_JSON, key);
        ApiClient.Response same = api.send(HttpMethod.POST, path, coupons.admin, "{ \"userId\":\"user-a\" }",
                MediaType.APPLICATION_JSON, key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.problemCode()).isEqualTo("IDEMPOTENCY_KEY_MISMATCH");
        assertThat(other.raw()).doesNotContain(first.json().get("code").asText());
        assertThat(same.status()).as("the same body, spaced differently, is the same request").isEqualTo(201);
        assertThat(same.headers().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(same.json().get("code").asText()).isEqualTo(first.json().get("code").asText());
    }
}
