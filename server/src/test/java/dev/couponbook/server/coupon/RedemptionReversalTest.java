package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.server.ApiClient;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, part 4: an admin gives a redemption back; every count follows, under races too. */
class RedemptionReversalTest extends CouponIntegrationTest {

    private static final Map<String, Object> TWO_REDEMPTIONS = Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 2);

    @Autowired
    EventStore events;

    private String redeem(Held held) {
        ApiClient.Response redeemed = coupons.redeem(held.code(), held.token(), lock(held));
        assertThat(redeemed.status()).as(redeemed.raw()).isEqualTo(201);
        return redeemed.json().get("redemptionId").asText();
    }

    private ApiClient.Response reverse(String code, String redemptionId, String token) {
        return api.post("/api/v1/coupons/" + code + "/redemptions/" + redemptionId + "/reversal", token,
                Map.of("reason", "order 42 cancelled"));
    }

    @Test
    void canReverseTheOnlyRedemptionAndRedeemTheCouponAgain() {
        Held held = held(Map.of());
        String redemptionId = redeem(held);
        assertThat(coupons.lock(held.code(), held.token(), null).problemCode()).isEqualTo("ALREADY_REDEEMED");

        ApiClient.Response reversal = reverse(held.code(), redemptionId, coupons.admin);

        assertThat(reversal.status()).as(reversal.raw()).isEqualTo(200);
        assertThat(reversal.json().get("redemptionId").asText()).isEqualTo(redemptionId);
        assertThat(reversal.json().get("userId").asText()).isEqualTo(held.userId());
        assertThat(reversal.json().get("redemptionsInEffect").asInt()).isZero();
        ApiClient.Response again = coupons.redeem(held.code(), held.token(), lock(held));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("redemptionNumber").asInt()).isEqualTo(1);
        assertThat(coupons.lock(held.code(), held.token(), null).problemCode()).isEqualTo("ALREADY_REDEEMED");
    }

    @Test
    void canReverseTwiceRecordingTheReversalOnceWithWhoAndWhy() {
        Held held = held(Map.of());
        String redemptionId = redeem(held);

        ApiClient.Response first = reverse(held.code(), redemptionId, coupons.admin);
        ApiClient.Response second = reverse(held.code(), redemptionId, coupons.admin);

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.raw()).isEqualTo(first.raw());
        List<DomainEventMessage<?>> reversals = reversals(held.code());
        assertThat(reversals).hasSize(1);
        CouponRedemptionReversed event = (CouponRedemptionReversed) reversals.get(0).getPayload();
        assertThat(event.reason()).isEqualTo("order 42 cancelled");
        assertThat(event.reversedBy()).startsWith("admin-");
        assertThat(event.userId()).isEqualTo(held.userId());
    }

    @Test
    void cannotReverseAnUnknownRedemptionOrCode() {
        Held held = held(Map.of());
        redeem(held);

        ApiClient.Response unknownRedemption = reverse(held.code(), UUID.randomUUID().toString(), coupons.admin);
        ApiClient.Response unknownCode = reverse("NOPE-" + UUID.randomUUID().toString().substring(0, 8), "r1", coupons.admin);

        assertThat(unknownRedemption.status()).isEqualTo(404);
        assertThat(unknownRedemption.problemCode()).isEqualTo("REDEMPTION_NOT_FOUND");
        assertThat(unknownCode.status()).isEqualTo(404);
        assertThat(unknownCode.problemCode()).isEqualTo("COUPON_NOT_FOUND");
    }

    @Test
    void cannotReverseAsTheHolderOrWithoutAReason() {
        Held held = held(Map.of());
        String redemptionId = redeem(held);

        ApiClient.Response byHolder = reverse(held.code(), redemptionId, held.token());
        ApiClient.Response noReason = api.post("/api/v1/coupons/" + held.code() + "/redemptions/" + redemptionId + "/reversal",
                coupons.admin, Map.of("reason", " "));

        assertThat(byHolder.status()).isEqualTo(403);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.problemCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(reversals(held.code())).isEmpty();
    }

    @Test
    void canSeeTheReversalInTheTransactionLogTheStatsAndTheUsersCoupon() {
        Held held = held(TWO_REDEMPTIONS);
        String reversed = redeem(held);
        String kept = redeem(held);

        reverse(held.code(), reversed, coupons.admin);

        JsonNode log = api.get("/api/v1/transactions?code=" + held.code() + "&action=REVERSE&waitMs=10000", coupons.admin).json();
        assertThat(log.get("items")).hasSize(1);
        assertThat(log.get("items").get(0).get("redemptionId").asText()).isEqualTo(reversed);
        assertThat(log.get("items").get(0).get("reason").asText()).isEqualTo("order 42 cancelled");
        assertThat(log.get("items").get(0).get("issuedBy").asText()).startsWith("admin-");
        JsonNode stats = stats(held.bookId());
        assertThat(stats.get("redemptions").asLong()).isEqualTo(1);
        assertThat(stats.get("reversals").asLong()).isEqualTo(1);
        assertThat(stats.get("redeemed").asLong()).isEqualTo(1);
        JsonNode coupon = api.get("/api/v1/me/coupons?waitMs=10000", held.token()).json().get("items").get(0);
        assertThat(coupon.get("redemptionCount").asInt()).isEqualTo(1);
        assertThat(coupon.get("status").asText()).isEqualTo("REDEEMED");
        JsonNode first = coupon.get("redemptions").get(0);
        assertThat(first.get("redemptionId").asText()).isEqualTo(reversed);
        assertThat(first.get("reversalReason").asText()).isEqualTo("order 42 cancelled");
        assertThat(first.has("reversedAt")).isTrue();
        assertThat(coupon.get("redemptions").get(1).get("redemptionId").asText()).isEqualTo(kept);
        assertThat(coupon.get("redemptions").get(1).has("reversedAt")).isFalse();
        assertConsistent(held.bookId());
    }

    @Test
    void canSeeWhoReversedWhyAndWhenInTheAuditTrail() {
        Held held = held(Map.of());
        String redemptionId = redeem(held);
        String adminId = "admin-" + UUID.randomUUID();

        reverse(held.code(), redemptionId, coupons.token(adminId, "ADMIN"));

        JsonNode history = api.get("/api/v1/audit/events?aggregateId=coupon:" + held.code(), coupons.admin).json().get("events");
        JsonNode reversal = history.get(history.size() - 1);
        assertThat(reversal.get("type").asText()).isEqualTo(CouponRedemptionReversed.class.getName());
        assertThat(reversal.get("revision").asText()).isEqualTo("1");
        assertThat(reversal.at("/payload/reversedBy").asText()).isEqualTo(adminId);
        assertThat(reversal.at("/payload/reason").asText()).isEqualTo("order 42 cancelled");
        assertThat(reversal.at("/metadata/userId").asText()).isEqualTo(adminId);
        assertThat(reversal.has("timestamp")).isTrue();
    }

    /** Validation follows the reversal: the coupon whose only redemption was given back is valid again, and redeemable. */
    @Test
    void canValidateARedemptionAgainOnceTheRedemptionIsReversed() {
        Held held = held(Map.of());
        String redemptionId = redeem(held);
        ApiClient.Response before = api.post("/api/v1/coupons/" + held.code() + "/validation", held.token(), Map.of());

        reverse(held.code(), redemptionId, coupons.admin);
        ApiClient.Response after = api.post("/api/v1/coupons/" + held.code() + "/validation", held.token(), Map.of());

        assertThat(before.json().get("reasons").get(0).get("code").asText()).isEqualTo("ALREADY_REDEEMED");
        assertThat(after.json().get("valid").asBoolean()).isTrue();
        assertThat(after.json().get("redemptionsLeft").asInt()).isEqualTo(1);
        assertThat(coupons.redeem(held.code(), held.token(), lock(held)).status()).isEqualTo(201);
    }

    @Test
    void canReverseOneRedemptionOnceUnder50ConcurrentReversals() throws Exception {
        Held held = held(Map.of());
        String redemptionId = redeem(held);

        List<ApiClient.Response> responses = CouponApi.race(50, i -> reverse(held.code(), redemptionId, coupons.admin));

        assertThat(responses).allSatisfy(r -> {
            assertThat(r.status()).as(r.raw()).isEqualTo(200);
            assertThat(r.json().get("redemptionsInEffect").asInt()).isZero();
        });
        assertThat(reversals(held.code())).hasSize(1);
        JsonNode stats = stats(held.bookId());
        assertThat(stats.get("redemptions").asLong()).isZero();
        assertThat(stats.get("reversals").asLong()).isEqualTo(1);
        assertThat(stats.get("redeemed").asLong()).isZero();
        assertThat(api.get("/api/v1/transactions?code=" + held.code() + "&action=REVERSE&waitMs=10000", coupons.admin)
                .json().get("items")).hasSize(1);
        assertConsistent(held.bookId());
    }

    /** Reversals of the first redemption race redemptions under the second lock: one of each is recorded, whatever the order. */
    @Test
    void canKeepEveryCountExactWhenReversalsRaceANewRedemption() throws Exception {
        Held held = held(TWO_REDEMPTIONS);
        String first = redeem(held);
        String lockId = lock(held);

        List<ApiClient.Response> responses = CouponApi.race(40, i -> i % 2 == 0
                ? reverse(held.code(), first, coupons.admin)
                : coupons.redeem(held.code(), held.token(), lockId));

        List<ApiClient.Response> reversalsAnswered = responses.stream().filter(r -> r.json().has("redemptionsInEffect")).toList();
        assertThat(reversalsAnswered).hasSize(20).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        List<ApiClient.Response> redemptions = responses.stream().filter(r -> !r.json().has("redemptionsInEffect")).toList();
        assertThat(redemptions.stream().filter(r -> r.status() == 201)).hasSize(1);
        // The winner consumed the lock; one that comes after it and before the reversal also finds the coupon at its limit, named first.
        assertThat(redemptions.stream().filter(r -> r.status() != 201))
                .allSatisfy(r -> assertThat(r.problemCode()).isIn("LOCK_NOT_HELD", "REDEMPTION_LIMIT_REACHED"));
        assertThat(reversals(held.code())).hasSize(1);
        JsonNode stats = stats(held.bookId());
        assertThat(stats.get("redemptions").asLong()).isEqualTo(1);
        assertThat(stats.get("reversals").asLong()).isEqualTo(1);
        assertThat(stats.get("redeemed").asLong()).isEqualTo(1);
        JsonNode coupon = api.get("/api/v1/me/coupons?waitMs=10000", held.token()).json().get("items").get(0);
        assertThat(coupon.get("redemptionCount").asInt()).isEqualTo(1);
        assertThat(coupon.get("redemptions")).hasSize(2);
        assertThat(coupons.redeem(held.code(), held.token(), lock(held)).status()).as("one redemption left").isEqualTo(201);
        assertThat(coupons.lock(held.code(), held.token(), null).problemCode()).isEqualTo("REDEMPTION_LIMIT_REACHED");
        assertConsistent(held.bookId());
    }

    private List<DomainEventMessage<?>> reversals(String code) {
        return events.readEvents(AggregateIds.coupon(code)).asStream()
                .filter(event -> event.getPayload() instanceof CouponRedemptionReversed)
                .<DomainEventMessage<?>>map(event -> event).toList();
    }

    private JsonNode stats(String bookId) {
        return api.get("/api/v1/coupon-books/" + bookId + "/stats?waitMs=10000", coupons.admin).json();
    }

    private void assertConsistent(String bookId) {
        ApiClient.Response report = api.get("/api/v1/admin/consistency?bookId=" + bookId, coupons.admin);
        assertThat(report.json().get("consistent").asBoolean()).as(report.raw()).isTrue();
    }
}
