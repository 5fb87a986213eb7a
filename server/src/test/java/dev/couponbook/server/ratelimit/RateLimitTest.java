package dev.couponbook.server.ratelimit;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets per user for coupon actions and per address for logins, shared through Redis. */
@TestPropertySource(properties = {
        "couponbook.rate-limit.coupon-actions-per-user-per-minute=5",
        "couponbook.rate-limit.coupon-actions-per-ip-per-minute=1000",
        "couponbook.rate-limit.logins-per-ip-per-minute=8"})
// The login test spends this address's login budget, so it runs after the test that needs tokens.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTest extends IntegrationTest {

    @Test
    @Order(1)
    void cannotExceedTheUserBudgetWhileOthersAreUnaffected() {
        String user = api.token(ApiClient.USER);
        String admin = api.token(ApiClient.ADMIN);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/coupons/NO-SUCH-CODE/lock", user, Map.of()).status()).isNotEqualTo(429);
        }
        ApiClient.Response refused = api.post("/api/v1/coupons/NO-SUCH-CODE/lock", user, Map.of());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.problemCode()).isEqualTo("RATE_LIMITED");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.headers().getFirst("Retry-After"))).isBetween(1L, 60L);

        assertThat(api.post("/api/v1/coupons/NO-SUCH-CODE/lock", admin, Map.of()).status())
                .as("another user keeps a full budget").isNotEqualTo(429);
        assertThat(api.get("/api/v1/coupon-books", admin).status()).as("reads are not limited").isEqualTo(200);
    }

    @Test
    @Order(2)
    void cannotGuessPasswordsFasterThanTheLoginBudget() {
        int refused = 0;
        for (int i = 0; i < 12; i++) {
            ApiClient.Response login = api.post("/api/v1/auth/token", null, Map.of("email", "x@y.z", "password", "guess" + i));
            if (login.status() == 429) {
                refused++;
                assertThat(login.headers().getFirst("Retry-After")).isNotBlank();
            } else {
                assertThat(login.status()).isEqualTo(401);
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(12 - 8 - 1);
    }
}
