package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.ServiceAccountsApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, part 1: a service account acts for the user it names on every coupon action and
 * reads a user's coupons, and nothing else; the audit trail names it next to that user.
 */
class ServiceAccountCouponActionsTest extends CouponIntegrationTest {

    private ServiceAccountsApi.Client client;
    private String service;

    @BeforeEach
    void serviceAccount() {
        ServiceAccountsApi accounts = new ServiceAccountsApi(api, coupons.admin);
        client = accounts.create("Shop checkout");
        service = accounts.token(client);
    }

    private String lockPath(String code) {
        return "/api/v1/coupons/" + code + "/lock";
    }

    @Test
    void canRunAUsersWholeCheckoutAndIsRecordedAsTheActorNextToTheUser() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(2), Map.of());
        String shopper = "shopper-" + UUID.randomUUID();

        ApiClient.Response assigned = api.post("/api/v1/coupon-books/" + bookId + "/assignments", service,
                Map.of("userId", shopper));
        assertThat(assigned.status()).as(assigned.raw()).isEqualTo(201);
        assertThat(assigned.json().get("userId").asText()).isEqualTo(shopper);
        String code = assigned.json().get("code").asText();

        ApiClient.Response validation = api.post("/api/v1/coupons/" + code + "/validation", service, Map.of("userId", shopper));
        assertThat(validation.status()).as(validation.raw()).isEqualTo(200);
        assertThat(validation.json().get("valid").asBoolean()).isTrue();

        ApiClient.Response locked = api.post(lockPath(code), service, Map.of("userId", shopper));
        assertThat(locked.status()).as(locked.raw()).isEqualTo(200);
        assertThat(locked.json().get("userId").asText()).isEqualTo(shopper);
        assertThat(api.send(HttpMethod.DELETE, lockPath(code), service, Map.of("userId", shopper)).status()).isEqualTo(204);
        String lockId = api.post(lockPath(code), service, Map.of("userId", shopper)).json().get("lockId").asText();

        ApiClient.Response redeemed = api.post("/api/v1/coupons/" + code + "/redemptions", service,
                Map.of("lockId", lockId, "userId", shopper));
        assertThat(redeemed.status()).as(redeemed.raw()).isEqualTo(201);
        String redemptionId = redeemed.json().get("redemptionId").asText();

        ApiClient.Response reversed = api.post("/api/v1/coupons/" + code + "/redemptions/" + redemptionId + "/reversal",
                service, Map.of("reason", "order cancelled"));
        assertThat(reversed.status()).as(reversed.raw()).isEqualTo(200);

        ApiClient.Response held = api.await("/api/v1/users/" + shopper + "/coupons", service,
                page -> page.status() == 200 && page.raw().contains(code));
        assertThat(held.status()).isEqualTo(200);
        assertThat(held.raw()).contains(code);

        ApiClient.Response history = api.get("/api/v1/audit/events?aggregateId=coupon:" + code,
                coupons.token("auditor-" + UUID.randomUUID(), "AUDITOR"));
        List<JsonNode> events = new ArrayList<>();
        history.json().get("events").forEach(events::add);
        assertThat(events).extracting(event -> event.get("type").asText().replaceAll(".*\\.", "")).containsExactly(
                "CouponAssigned", "CouponLocked", "CouponUnlocked", "CouponLocked", "CouponRedeemed",
                "CouponRedemptionReversed");
        for (JsonNode event : events) {
            assertThat(event.at("/metadata/userId").asText()).as("the actor").isEqualTo(client.clientId());
            assertThat(event.at("/metadata/roles").asText()).isEqualTo("SERVICE");
        }
        assertThat(events.subList(0, 5)).allSatisfy(event ->
                assertThat(event.at("/payload/userId").asText()).as("the user acted for").isEqualTo(shopper));
        assertThat(events.get(5).at("/payload/reversedBy").asText()).isEqualTo(client.clientId());
    }

    @Test
    void cannotActWithoutNamingTheUser() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        for (ApiClient.Response response : List.of(
                api.post("/api/v1/coupon-books/" + bookId + "/assignments", service, Map.of()),
                api.post(lockPath("ANY-CODE"), service, Map.of()),
                api.post("/api/v1/coupons/ANY-CODE/validation", service, Map.of()))) {
            assertThat(response.status()).as(response.raw()).isEqualTo(400);
            assertThat(response.problemCode()).isEqualTo("USER_ID_REQUIRED");
        }
    }

    @Test
    void cannotActOnACouponTheNamedUserDoesNotHold() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        ApiClient.Response response = api.post(lockPath(held.code()), service, Map.of("userId", "someone-else"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("COUPON_NOT_FOUND");
    }

    @Test
    void cannotNameAnotherHolderAsAUser() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        ApiClient.Response response = api.post(lockPath(held.code()), held.token(), Map.of("userId", "someone-else"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemCode()).isEqualTo("FORBIDDEN_USER");
    }

    @Test
    void cannotDoAnythingButCouponActions() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        String book = "/api/v1/coupon-books/" + bookId;
        List<ApiClient.Response> refused = List.of(
                api.post("/api/v1/coupon-books", service, Map.of("name", "Not mine")),
                api.get("/api/v1/coupon-books", service),
                api.get(book, service),
                api.send(HttpMethod.PATCH, book, service, Map.of("name", "Renamed")),
                api.post(book + "/deactivate", service, null),
                api.post(book + "/codes", service, List.of("SVC-CODE-1")),
                api.post(book + "/generation-jobs", service, Map.of("count", 10)),
                api.get(book + "/codes", service),
                api.post(book + "/codes/downloads", service, null),
                api.get(book + "/stats", service),
                api.post("/api/v1/coupons/SVC-CODE-1/assignment", service, Map.of("userId", "shopper")),
                api.get("/api/v1/me/coupons", service),
                api.get("/api/v1/transactions", service),
                api.get("/api/v1/audit/events?aggregateId=book:" + bookId, service),
                api.get("/api/v1/admin/projections", service),
                api.get("/api/v1/service-accounts", service),
                api.get("/actuator/metrics", service));
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).as(response.raw()).isEqualTo(403);
            assertThat(response.problemCode()).isEqualTo("FORBIDDEN");
        });
    }
}
