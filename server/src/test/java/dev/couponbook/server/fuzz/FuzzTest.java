package dev.couponbook.server.fuzz;

import com.mongodb.client.model.Filters;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded fuzzing run over every endpoint's body and path: whatever arrives, the answer is a
 * problem document, never a 5xx, refused requests change no state (only their audit record is
 * stored), and the server stays up.
 */
// A fresh context: background work left by other test classes (lock expiries, confirmations)
// must not be mistaken for a write caused by a refused request.
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class FuzzTest extends IntegrationTest {

    private static final int ROUNDS_PER_ENDPOINT = 60;

    /** One endpoint: {@code {id}} in the path is replaced by hostile segments or a real id. */
    private record Endpoint(HttpMethod method, String path, List<String> fields) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.POST, "/api/v1/auth/token", List.of("email", "password")),
            new Endpoint(HttpMethod.POST, "/api/v1/coupon-books", List.of("name", "description", "startDate", "endDate",
                    "maxCodesPerUser", "maxRedemptionsPerUser", "allowMultipleRedemptions", "active", "totalCodes", "codePattern",
                    "maxRedemptionsPerCode", "maxRedemptionsTotal", "metadata")),
            new Endpoint(HttpMethod.PATCH, "/api/v1/coupon-books/{id}", List.of("name", "description", "startDate",
                    "endDate", "maxCodesPerUser", "maxRedemptionsPerUser", "allowMultipleRedemptions", "codePattern",
                    "maxRedemptionsPerCode", "maxRedemptionsTotal", "metadata")),
            new Endpoint(HttpMethod.POST, "/api/v1/coupon-books/{id}/activate", List.of()),
            new Endpoint(HttpMethod.POST, "/api/v1/coupon-books/{id}/deactivate", List.of()),
            new Endpoint(HttpMethod.GET, "/api/v1/coupon-books/{id}", List.of()),
            new Endpoint(HttpMethod.POST, "/api/v1/coupon-books/{id}/codes", List.of()),
            new Endpoint(HttpMethod.POST, "/api/v1/coupon-books/{id}/assignments", List.of("userId")),
            new Endpoint(HttpMethod.POST, "/api/v1/coupons/{code}/assignment", List.of("userId")),
            new Endpoint(HttpMethod.POST, "/api/v1/coupons/{code}/lock", List.of("ttlSeconds")),
            new Endpoint(HttpMethod.DELETE, "/api/v1/coupons/{code}/lock", List.of()),
            new Endpoint(HttpMethod.POST, "/api/v1/coupons/{code}/redemptions", List.of("lockId", "metadata")));

    @Autowired
    MongoTemplate mongo;

    @Test
    void cannotBreakAnyEndpointWithHostileInput() {
        String admin = api.token(ApiClient.ADMIN);
        String realBook = api.post("/api/v1/coupon-books", admin, Map.of("name", "Target")).json().get("bookId").asText();
        String realCode = "FUZZ-TARGET-1";
        assertThat(api.post("/api/v1/coupon-books/" + realBook + "/codes", admin, List.of(realCode)).status()).isEqualTo(200);
        HostileInput hostile = new HostileInput(20261124L);
        int refused = 0;
        for (Endpoint endpoint : ENDPOINTS) {
            for (int round = 0; round < ROUNDS_PER_ENDPOINT; round++) {
                boolean realId = round % 2 == 0;
                String path = endpoint.path().replace("{id}", realId ? realBook : hostile.pathSegment())
                        .replace("{code}", realId ? realCode : hostile.pathSegment());
                String body = endpoint.fields().isEmpty() || round % 3 == 0
                        ? hostile.anyBody() : hostile.objectWith(endpoint.fields());
                long eventsBefore = storedEvents();
                ApiClient.Response response = endpoint.method() == HttpMethod.GET
                        ? api.get(path + "?page=" + hostile.anyNumberText(), admin)
                        : api.send(endpoint.method(), path, admin, body, MediaType.APPLICATION_JSON, HttpHeaders.EMPTY);
                String context = endpoint.method() + " " + path + " " + abbreviate(body) + " -> " + abbreviate(response.raw());
                assertThat(response.status()).as(context).isLessThan(500);
                if (response.status() >= 400) {
                    refused++;
                    assertThat(response.contentType()).as(context).startsWith("application/problem+json");
                    assertThat(response.problemCode()).as(context).isNotBlank();
                    assertThat(storedEvents()).as("a refused request stores nothing: " + context).isEqualTo(eventsBefore);
                }
            }
        }
        assertThat(refused).as("the generator mostly produces invalid requests").isGreaterThan(ENDPOINTS.size() * ROUNDS_PER_ENDPOINT / 2);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/coupon-books/" + realBook, admin).status()).isEqualTo(200);
    }

    /** Events that change state; a refused coupon action adds only its audit record, CouponActionRejected. */
    private long storedEvents() {
        return mongo.getCollection("domainevents").countDocuments(
                Filters.not(Filters.regex("payloadType", "CouponActionRejected$")));
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
