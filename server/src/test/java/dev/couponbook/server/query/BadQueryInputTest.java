package dev.couponbook.server.query;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Malformed query parameters are the client's mistake: a 400 problem naming it, never a 5xx. */
class BadQueryInputTest extends IntegrationTest {

    @ParameterizedTest
    @CsvSource({
            "/api/v1/transactions?action=STEAL, BAD_REQUEST",
            "/api/v1/transactions?status=MAYBE, BAD_REQUEST",
            "/api/v1/transactions?from=yesterday, BAD_REQUEST",
            "/api/v1/transactions?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z, INVALID_TIME_RANGE",
            "/api/v1/transactions?size=1000, VALIDATION_FAILED",
            "/api/v1/transactions?waitMs=-1, VALIDATION_FAILED",
            "/api/v1/users/u/coupons?page=-1, VALIDATION_FAILED",
            "/api/v1/coupon-books?size=0, VALIDATION_FAILED",
            "/api/v1/coupon-books/b/stats?waitMs=999999, VALIDATION_FAILED",
            "/api/v1/audit/events?after=not-a-cursor, INVALID_CURSOR",
            "/api/v1/audit/events?aggregateId=coupon:X&after=x, INVALID_CURSOR",
            "/api/v1/audit/events?limit=0, VALIDATION_FAILED"})
    void cannotQueryWithMalformedParameters(String path, String code) {
        ApiClient.Response response = api.get(path, api.token(ApiClient.ADMIN));

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo(code);
    }
}
