package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.command.RedisKeys;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.server.ApiClient;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, part 2: {@code POST /coupons/{code}/validation} answers as the redemption would, and changes nothing. */
class RedemptionValidationTest extends CouponIntegrationTest {

    @Autowired
    EventStore events;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    private ApiClient.Response validate(String code, String token, Map<String, Object> body) {
        return api.post("/api/v1/coupons/" + code + "/validation", token, body);
    }

    private static List<String> reasons(ApiClient.Response response) {
        List<String> codes = new ArrayList<>();
        response.json().get("reasons").forEach(reason -> codes.add(reason.get("code").asText()));
        return codes;
    }

    @Test
    void canValidateAHeldCouponBeforeCheckoutWithWhatACartShows() {
        Instant end = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Held held = held(Map.of("name", "Winter", "endDate", end.toString(), "allowMultipleRedemptions", true,
                "maxRedemptionsPerUser", 3));

        ApiClient.Response response = validate(held.code(), held.token(), Map.of());

        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(reasons(response)).isEmpty();
        assertThat(json.get("code").asText()).isEqualTo(held.code());
        assertThat(json.get("redemptionsLeft").asInt()).isEqualTo(3);
        assertThat(json.get("bookId").asText()).isEqualTo(held.bookId());
        assertThat(json.get("bookName").asText()).isEqualTo("Winter");
        assertThat(Instant.parse(json.get("validUntil").asText())).isEqualTo(end);
    }

    @Test
    void canListEveryReasonAsAnAdminNamingTheHolder() {
        Held held = held(Map.of());
        String lockId = lock(held);
        assertThat(coupons.redeem(held.code(), held.token(), lockId).status()).isEqualTo(201);
        api.post("/api/v1/coupon-books/" + held.bookId() + "/deactivate", coupons.admin, null);
        ApiClient.Response response = validate(held.code(), coupons.admin, Map.of("userId", held.userId()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("valid").asBoolean()).isFalse();
        assertThat(reasons(response)).containsExactly("ALREADY_REDEEMED", "BOOK_INACTIVE");
        assertThat(response.json().get("reasons").get(1).get("detail").asText()).isEqualTo("the coupon book is deactivated");
        assertThat(response.json().get("redemptionsLeft").asInt()).isZero();
    }

    @Test
    void cannotTellAnotherUsersCouponFromAnUnknownCode() {
        Held held = held(Map.of());
        lock(held);
        String stranger = coupons.newUser();

        ApiClient.Response theirs = validate(held.code(), stranger, Map.of());
        ApiClient.Response unknown = validate("NOPE-" + UUID.randomUUID().toString().substring(0, 8), stranger, Map.of());

        assertThat(theirs.status()).isEqualTo(200);
        assertThat(reasons(theirs)).containsExactly("COUPON_NOT_FOUND");
        assertThat(shown(theirs)).isEqualTo(shown(unknown));
        assertThat(theirs.json().has("bookName")).isFalse();
    }

    @Test
    void cannotValidateForAnotherUserWithAUserToken() {
        Held held = held(Map.of());

        ApiClient.Response response = validate(held.code(), coupons.newUser(), Map.of("userId", held.userId()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemCode()).isEqualTo("FORBIDDEN_USER");
    }

    @Test
    void canValidateWithoutWritingAnEventOrTakingALock() {
        Held held = held(Map.of());
        long before = events.readEvents(AggregateIds.coupon(held.code())).asStream().count();

        for (int i = 0; i < 5; i++) {
            validate(held.code(), held.token(), Map.of());
            validate(held.code(), held.token(), Map.of("lockId", "not-a-lock"));
            validate(held.code(), coupons.newUser(), Map.of());
        }

        assertThat(events.readEvents(AggregateIds.coupon(held.code())).asStream().count()).isEqualTo(before);
        assertThat(redis.hasKey(keys.lock(held.code()))).isFalse();
        coupons.lock(held.code(), coupons.newUser(), null);
        ApiClient.Response log = api.await("/api/v1/transactions?code=" + held.code() + "&status=REJECTED&waitMs=5000",
                coupons.admin, r -> r.status() == 200 && r.json().get("items").size() > 0);
        assertThat(log.json().get("items")).hasSize(1);
        assertThat(log.json().get("items").get(0).get("action").asText()).isEqualTo("LOCK");
    }

    /**
     * For each state a coupon can be in, the validation and then the redemption of the same
     * user under the same lock agree: valid exactly when the redemption is accepted, and the
     * redemption's refusal is the first reason listed.
     */
    @Test
    void canAgreeWithTheRedemptionInEveryState() throws Exception {
        Map<String, Case> cases = new LinkedHashMap<>();
        CouponApi.CouponsInEveryState every = coupons.couponsInEveryState(null);
        cases.put("unknown code", new Case("NOPE-" + UUID.randomUUID().toString().substring(0, 8), every.owner(), "some-lock"));
        cases.put("free code", new Case(every.free(), every.owner(), "some-lock"));
        cases.put("someone else's", new Case(every.locked(), coupons.newUser(), every.lockId()));
        cases.put("held, not locked", new Case(every.held(), every.owner(), "some-lock"));
        cases.put("redeemed", new Case(every.redeemed(), every.owner(), "some-lock"));
        cases.put("foreign lock", new Case(every.locked(), every.owner(), "some-lock"));
        cases.put("locked", new Case(every.locked(), every.owner(), every.lockId()));

        Held expired = held(Map.of());
        String expiredLock = coupons.lock(expired.code(), expired.token(), 1).json().get("lockId").asText();
        Held inactive = held(Map.of());
        String inactiveLock = lock(inactive);
        api.post("/api/v1/coupon-books/" + inactive.bookId() + "/deactivate", coupons.admin, null);
        Held notStarted = held(Map.of());
        String notStartedLock = lock(notStarted);
        coupons.patch(notStarted.bookId(), Map.of("startDate", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        Held ended = held(Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 2));
        String endedLock = lock(ended);
        coupons.patch(ended.bookId(), Map.of("endDate", Instant.now().minusSeconds(1).toString()));
        Held exhausted = held(Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 2));
        coupons.redeem(exhausted.code(), exhausted.token(), lock(exhausted));
        coupons.redeem(exhausted.code(), exhausted.token(), lock(exhausted));
        Thread.sleep(1_200);
        cases.put("expired lock", new Case(expired.code(), expired.token(), expiredLock));
        cases.put("inactive book", new Case(inactive.code(), inactive.token(), inactiveLock));
        cases.put("book not started", new Case(notStarted.code(), notStarted.token(), notStartedLock));
        cases.put("book ended", new Case(ended.code(), ended.token(), endedLock));
        cases.put("limit reached", new Case(exhausted.code(), exhausted.token(), "some-lock"));

        Map<String, String> disagreements = new HashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        cases.forEach((state, c) -> {
            ApiClient.Response verdict = validate(c.code(), c.token(), Map.of("lockId", c.lockId()));
            ApiClient.Response redemption = coupons.redeem(c.code(), c.token(), c.lockId());
            List<String> reasons = reasons(verdict);
            String redeemed = redemption.status() == 201 ? "accepted" : redemption.problemCode();
            String validated = verdict.json().get("valid").asBoolean() ? "accepted" : reasons.get(0);
            seen.put(state, redeemed);
            if (!redeemed.equals(validated) || verdict.json().get("valid").asBoolean() == reasons.size() > 0) {
                disagreements.put(state, "validation " + reasons + ", redemption " + redemption.raw());
            }
        });
        assertThat(disagreements).isEmpty();
        assertThat(seen).containsEntry("locked", "accepted").containsEntry("someone else's", "COUPON_NOT_FOUND")
                .containsEntry("redeemed", "ALREADY_REDEEMED")
                .containsEntry("inactive book", "BOOK_INACTIVE").containsEntry("book not started", "BOOK_NOT_STARTED")
                .containsEntry("book ended", "BOOK_EXPIRED").containsEntry("limit reached", "REDEMPTION_LIMIT_REACHED")
                .containsEntry("foreign lock", "LOCK_NOT_HELD");
        assertThat(seen.get("expired lock")).as("before or after the sweep recorded the expiry").isIn("LOCK_EXPIRED", "LOCK_NOT_HELD");
    }

    private record Case(String code, String token, String lockId) {
    }

    private static String shown(ApiClient.Response response) {
        JsonNode json = response.json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).remove("code");
        return json.toString();
    }
}
