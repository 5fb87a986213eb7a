package dev.couponbook.server.couponbook;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Create a book through the API, then read it back through the query side. */
class CouponBookSliceTest extends IntegrationTest {

    @Test
    void canCreateABookAndReadItBack() {
        String admin = api.token(ApiClient.ADMIN);
        ApiClient.Response created = api.post("/api/v1/coupon-books", admin, Map.of(
                "name", "Black Friday", "description", "20% off",
                "startDate", "2026-11-01T00:00:00Z", "endDate", "2026-12-01T00:00:00Z",
                "maxCodesPerUser", 2, "maxRedemptionsPerUser", 1));
        assertThat(created.status()).isEqualTo(201);
        String bookId = created.json().get("bookId").asText();
        assertThat(created.headers().getLocation()).hasToString("/api/v1/coupon-books/" + bookId);

        ApiClient.Response read = api.await("/api/v1/coupon-books/" + bookId, admin, r -> r.status() == 200);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().at("/terms/name").asText()).isEqualTo("Black Friday");
        assertThat(read.json().at("/terms/maxCodesPerUser").asInt()).isEqualTo(2);
        assertThat(read.json().get("active").asBoolean()).isTrue();
        assertThat(read.json().get("totalCodes").asLong()).isZero();

        String analyst = api.token(ApiClient.ANALYST);
        ApiClient.Response list = api.await("/api/v1/coupon-books?size=50", analyst,
                r -> r.status() == 200 && r.json().get("items").findValuesAsText("bookId").contains(bookId));
        assertThat(list.json().get("items").findValuesAsText("bookId")).contains(bookId);
    }

    @Test
    void canChangeDeactivateAndActivateABook() {
        String admin = api.token(ApiClient.ADMIN);
        String bookId = api.post("/api/v1/coupon-books", admin, Map.of("name", "Spring")).json().get("bookId").asText();

        ApiClient.Response patched = api.send(org.springframework.http.HttpMethod.PATCH,
                "/api/v1/coupon-books/" + bookId, admin, Map.of("name", "Spring sale", "maxCodesPerUser", 5));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/terms/name").asText()).isEqualTo("Spring sale");
        assertThat(api.post("/api/v1/coupon-books/" + bookId + "/deactivate", admin, null).status()).isEqualTo(200);

        ApiClient.Response read = api.await("/api/v1/coupon-books/" + bookId, admin,
                r -> r.status() == 200 && !r.json().get("active").asBoolean());
        assertThat(read.json().at("/terms/name").asText()).isEqualTo("Spring sale");
        assertThat(read.json().at("/terms/maxCodesPerUser").asInt()).isEqualTo(5);
        assertThat(read.json().get("active").asBoolean()).isFalse();
    }

    @Test
    void cannotReadAnUnknownBook() {
        ApiClient.Response response = api.get("/api/v1/coupon-books/4b0a2c54-0000-4000-8000-000000000000",
                api.token(ApiClient.ADMIN));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("BOOK_NOT_FOUND");
    }

    @Test
    void cannotChangeAnUnknownBook() {
        ApiClient.Response response = api.post("/api/v1/coupon-books/not-a-book/activate", api.token(ApiClient.ADMIN), null);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
