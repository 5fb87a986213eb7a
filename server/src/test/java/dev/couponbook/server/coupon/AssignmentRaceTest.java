package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants 1 and 2 under real concurrency: many simultaneous HTTP assignments. */
class AssignmentRaceTest extends CouponIntegrationTest {

    @Test
    void canAssignEachOfTheBooksCodesOnceTo500ConcurrentUsers() throws Exception {
        List<String> codes = CouponApi.freshCodes(100);
        String bookId = coupons.bookWith(codes, Map.of());
        List<String> users = IntStream.range(0, 500).mapToObj(i -> coupons.newUser()).toList();

        List<ApiClient.Response> responses = CouponApi.race(500, i -> coupons.assign(bookId, users.get(i)));

        List<ApiClient.Response> assigned = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(assigned).hasSize(100);
        assertThat(assigned.stream().map(r -> r.json().get("code").asText()).distinct())
                .containsExactlyInAnyOrderElementsOf(codes);
        assertThat(responses.stream().filter(r -> r.status() != 201))
                .hasSize(400)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.contentType()).startsWith("application/problem+json");
                    assertThat(r.problemCode()).isEqualTo("NO_CODES_AVAILABLE");
                });
    }

    @Test
    void cannotHoldMoreThanTheLimitEvenWith100ConcurrentRequestsOfOneUser() throws Exception {
        String bookId = coupons.bookWith(CouponApi.freshCodes(20), Map.of("maxCodesPerUser", 3));
        String user = coupons.newUser();

        List<ApiClient.Response> responses = CouponApi.race(100, i -> coupons.assign(bookId, user));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(3);
        assertThat(responses.stream().filter(r -> r.status() != 201)).hasSize(97)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(422);
                    assertThat(r.problemCode()).isEqualTo("CODE_LIMIT_REACHED");
                });
        assertThat(coupons.assign(bookId, user).problemCode()).isEqualTo("CODE_LIMIT_REACHED");
    }

    @Test
    void canAssignAGivenCodeOnlyOnceAsAnAdmin() throws Exception {
        List<String> codes = CouponApi.freshCodes(1);
        coupons.bookWith(codes, Map.of());

        List<ApiClient.Response> responses = CouponApi.race(20, i -> api.post(
                "/api/v1/coupons/" + codes.get(0) + "/assignment", coupons.admin, Map.of("userId", "user-" + i)));

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() != 201))
                .allSatisfy(r -> assertThat(r.problemCode()).isEqualTo("COUPON_ALREADY_ASSIGNED"));
    }

    /**
     * Each losing attempt stored its wallet's event and failed on the coupon's (the embedded store
     * has no transactions): the slot it gave back lets every loser still get the one code allowed.
     */
    @Test
    void canStillAssignTheLimitToEveryUserWhoLostARaceForAGivenCode() throws Exception {
        List<String> codes = CouponApi.freshCodes(21);
        String bookId = coupons.bookWith(codes, Map.of("maxCodesPerUser", 1));
        String contested = codes.get(0);
        List<String> users = IntStream.range(0, 20).mapToObj(i -> "user-" + UUID.randomUUID()).toList();

        List<ApiClient.Response> contest = CouponApi.race(20, i -> api.post(
                "/api/v1/coupons/" + contested + "/assignment", coupons.admin, Map.of("userId", users.get(i))));
        assertThat(contest.stream().filter(r -> r.status() == 201)).hasSize(1);
        String winner = contest.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json().get("userId").asText();

        for (String user : users) {
            ApiClient.Response next = coupons.assign(bookId, coupons.token(user, "USER"));
            if (user.equals(winner)) {
                assertThat(next.problemCode()).isEqualTo("CODE_LIMIT_REACHED");
            } else {
                assertThat(next.status()).as("user %s", user).isEqualTo(201);
                assertThat(next.json().get("code").asText()).isNotEqualTo(contested);
            }
        }
    }

    @Test
    void cannotAssignForAnotherUserWithoutBeingAnAdmin() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        ApiClient.Response response = api.post("/api/v1/coupon-books/" + bookId + "/assignments", coupons.newUser(),
                Map.of("userId", "someone-else"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemCode()).isEqualTo("FORBIDDEN_USER");
    }

    @Test
    void canAssignForAUserAsAnAdmin() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        ApiClient.Response response = api.post("/api/v1/coupon-books/" + bookId + "/assignments", coupons.admin,
                Map.of("userId", "customer-7"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().get("userId").asText()).isEqualTo("customer-7");
    }

    @Test
    void cannotAssignFromAnUnknownBook() {
        ApiClient.Response response = coupons.assign("4b0a2c54-0000-4000-8000-000000000000", coupons.newUser());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("BOOK_NOT_FOUND");
    }
}
