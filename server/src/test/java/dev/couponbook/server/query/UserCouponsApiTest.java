package dev.couponbook.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.security.UserAccounts;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's coupons: what the holder sees, and who else may look. */
class UserCouponsApiTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ReadModelStatus status;

    private CouponHistory history;
    private String userId;
    private String singleUse;
    private String multiUse;

    @BeforeEach
    void givenAUserWithCouponsInTwoBooks() {
        history = new CouponHistory(eventStore);
        userId = accounts.authenticate(ApiClient.USER, ApiClient.PASSWORD).orElseThrow().id();
        singleUse = history.id("single");
        multiUse = history.id("multi");
        history.bookCreated(singleUse, false, null);
        history.bookCreated(multiUse, true, 3);
        history.assigned(singleUse + "-held", singleUse, userId);
        history.assigned(singleUse + "-used", singleUse, userId);
        history.lockedAndRedeemed(singleUse + "-used", singleUse, userId, 1);
        history.assigned(singleUse + "-lapsed", singleUse, userId);
        history.locked(singleUse + "-lapsed", singleUse, userId, Instant.now().minusSeconds(5));
        history.assigned(multiUse + "-once", multiUse, userId);
        history.lockedAndRedeemed(multiUse + "-once", multiUse, userId, 1);
        history.assigned(multiUse + "-locked", multiUse, userId);
        history.locked(multiUse + "-locked", multiUse, userId, Instant.now().plusSeconds(600));
        history.assigned(multiUse + "-other", multiUse, history.id("someone-else"));
        ReadModels.awaitAll(status);
    }

    @Test
    void canReadItsOwnCouponsWithTheirCurrentStatus() {
        ApiClient.Response mine = api.get("/api/v1/me/coupons?size=200", api.token(ApiClient.USER));

        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().get("userId").asText()).isEqualTo(userId);
        assertThat(mine.json().get("rebuilding").asBoolean()).isFalse();
        assertThat(statusOf(mine, singleUse + "-held")).isEqualTo("ASSIGNED");
        assertThat(statusOf(mine, singleUse + "-used")).isEqualTo("EXHAUSTED");
        assertThat(statusOf(mine, singleUse + "-lapsed")).isEqualTo("ASSIGNED");
        assertThat(statusOf(mine, multiUse + "-once")).isEqualTo("REDEEMED");
        assertThat(statusOf(mine, multiUse + "-locked")).isEqualTo("LOCKED");
        assertThat(coupon(mine, multiUse + "-locked").get("lockId").asText()).isNotBlank();
        assertThat(coupon(mine, singleUse + "-lapsed").has("lockId")).isFalse();
        JsonNode redemption = coupon(mine, singleUse + "-used").get("redemptions").get(0);
        assertThat(redemption.get("redemptionNumber").asInt()).isEqualTo(1);
        assertThat(redemption.get("transactionId").asText()).isNotBlank();
        assertThat(redemption.at("/metadata/order").asText()).isEqualTo("order-" + singleUse + "-used-1");
        assertThat(mine.json().get("items").findValuesAsText("code")).doesNotContain(multiUse + "-other");
    }

    @Test
    void canPageThroughItsCouponsOfOneBookNewestFirst() {
        String token = api.token(ApiClient.USER);
        ApiClient.Response first = api.get("/api/v1/me/coupons?bookId=" + singleUse + "&size=2", token);
        ApiClient.Response second = api.get("/api/v1/me/coupons?bookId=" + singleUse + "&size=2&page=1", token);

        assertThat(first.json().get("items").findValuesAsText("code")).containsExactly(singleUse + "-lapsed", singleUse + "-used");
        assertThat(first.json().get("hasNext").asBoolean()).isTrue();
        assertThat(second.json().get("items").findValuesAsText("code")).containsExactly(singleUse + "-held");
        assertThat(second.json().get("hasNext").asBoolean()).isFalse();
    }

    @Test
    void cannotReadAnotherUsersCoupons() {
        ApiClient.Response response = api.get("/api/v1/users/" + history.id("someone-else") + "/coupons", api.token(ApiClient.USER));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void canReadItsOwnCouponsUnderItsUserId() {
        ApiClient.Response response = api.get("/api/v1/users/" + userId + "/coupons?size=200", api.token(ApiClient.USER));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("items").findValuesAsText("code")).contains(singleUse + "-held");
    }

    @Test
    void canReadAnyUsersCouponsAsAnAnalystOrAdmin() {
        for (String reader : List.of(ApiClient.ANALYST, ApiClient.ADMIN)) {
            ApiClient.Response response = api.get("/api/v1/users/" + history.id("someone-else") + "/coupons", api.token(reader));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("items").findValuesAsText("code")).containsExactly(multiUse + "-other");
        }
    }

    @Test
    void cannotReadAUsersCouponsAsAnAuditor() {
        assertThat(api.get("/api/v1/users/" + userId + "/coupons", api.token(ApiClient.AUDITOR)).status()).isEqualTo(403);
    }

    @Test
    void cannotAskForAnImpossiblePage() {
        ApiClient.Response response = api.get("/api/v1/me/coupons?size=0", api.token(ApiClient.USER));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("VALIDATION_FAILED");
    }

    private static JsonNode coupon(ApiClient.Response page, String code) {
        for (JsonNode item : page.json().get("items")) {
            if (item.get("code").asText().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no coupon " + code + " in " + page.raw());
    }

    private static String statusOf(ApiClient.Response page, String code) {
        return coupon(page, code).get("status").asText();
    }
}
