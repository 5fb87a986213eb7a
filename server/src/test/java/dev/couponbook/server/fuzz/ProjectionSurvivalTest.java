package dev.couponbook.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.coupon.CouponApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No input a user or an admin can send stops a read model: text that MongoDB cannot store as a
 * field name or value is refused at the edge, free-form data is stored in a shape no key can
 * break, and after every hostile request each projection still processes the events that follow.
 */
class ProjectionSurvivalTest extends IntegrationTest {

    /** JSON string literals, escapes as a client would send them. */
    private static final List<String> HOSTILE = List.of(
            "\"k\\u0000\"", "\"\\u0000\"", "\"$where\"", "\"$\"", "\"a.b\"", "\".\"", "\"\\ud800\"", "\"x\\udc00\"",
            "\"\\u001b[31mred\"", "\"\"", "\" \"", "\"" + "x".repeat(5000) + "\"", "\"=HYPERLINK(\\\"http://x\\\")\"",
            "\"\\uffff\\ufffe\"", "\"\\ud83d\\ude00\"", "\"_id\"", "\"k\\nv\"", "\"__proto__\"");

    @Autowired
    JwtEncoder encoder;
    @Autowired
    ReadModelStatus status;

    @Test
    void cannotStopAnyProjectionWithAnyInput() {
        CouponApi coupons = new CouponApi(api, encoder);
        List<Integer> statuses = new ArrayList<>();
        for (String text : HOSTILE) {
            statuses.add(api.send(HttpMethod.POST, "/api/v1/coupon-books", coupons.admin,
                    "{\"name\": %s, \"description\": %s}".formatted(text, text)).status());
            statuses.add(api.send(HttpMethod.POST, "/api/v1/coupon-books", coupons.admin,
                    "{\"name\": \"n\", \"codePattern\": %s}".formatted(text)).status());
            for (String metadata : List.of("{%s: \"x\"}".formatted(text), "{\"k\": %s}".formatted(text))) {
                statuses.add(api.send(HttpMethod.POST, "/api/v1/coupon-books", coupons.admin,
                        "{\"name\": \"n\", \"metadata\": %s}".formatted(metadata)).status());
            }
        }
        String bookId = coupons.bookWith(CouponApi.freshCodes(60),
                Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 1000));
        for (String text : HOSTILE) {
            statuses.add(api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/assignments", coupons.admin,
                    "{\"userId\": %s}".formatted(text)).status());
        }
        String user = coupons.newUser();
        String code = coupons.assign(bookId, user).json().get("code").asText();
        for (String text : HOSTILE) {
            for (String metadata : List.of("{%s: \"x\"}".formatted(text), "{\"k\": %s}".formatted(text))) {
                String lockId = coupons.lock(code, user, null).json().get("lockId").asText();
                int redeemed = api.send(HttpMethod.POST, "/api/v1/coupons/" + code + "/redemptions", user,
                        "{\"lockId\": \"%s\", \"metadata\": %s}".formatted(lockId, metadata)).status();
                statuses.add(redeemed);
                if (redeemed != 201) {
                    assertThat(coupons.unlock(code, user).status()).isEqualTo(204);
                }
            }
        }
        assertThat(statuses).as("hostile input is refused or stored, never a failure").allMatch(s -> s < 500);

        String later = coupons.newUser();
        String laterCode = coupons.assign(bookId, later).json().get("code").asText();
        String lockId = coupons.lock(laterCode, later, null).json().get("lockId").asText();
        assertThat(api.post("/api/v1/coupons/" + laterCode + "/redemptions", later,
                Map.of("lockId", lockId, "metadata", Map.of("orderId", "42"))).status()).isEqualTo(201);

        ReadModelProcessing.PROJECTIONS.forEach(group -> status.awaitCaughtUp(group, Duration.ofSeconds(30)));
        JsonNode mine = api.get("/api/v1/me/coupons", later).json();
        assertThat(mine.at("/items/0/redemptions/0/metadata/orderId").asText()).isEqualTo("42");
        JsonNode held = api.get("/api/v1/me/coupons", user).json();
        assertThat(held.at("/items/0/redemptionCount").asInt()).isPositive();
        JsonNode parked = api.get("/api/v1/admin/dead-letters", coupons.admin).json();
        for (JsonNode group : parked) {
            group.get("parked").forEach(letter -> assertThat(letter.get("cause").asText()).isNotBlank());
        }
        assertThat(api.get("/api/v1/coupon-books/" + bookId + "/stats", coupons.admin).status()).isEqualTo(200);
    }
}
