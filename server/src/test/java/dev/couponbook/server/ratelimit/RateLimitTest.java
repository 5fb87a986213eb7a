package dev.couponbook.server.ratelimit;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.security.TokenController;
import dev.couponbook.server.serviceaccount.ServiceAccountDirectory;
import dev.couponbook.server.serviceaccount.ServiceAccounts;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Budgets per user and per service account for coupon actions and per address for logins, shared through Redis. */
@TestPropertySource(properties = {
        "couponbook.rate-limit.coupon-actions-per-user-per-minute=5",
        "couponbook.rate-limit.coupon-actions-per-ip-per-minute=1000",
        "couponbook.rate-limit.logins-per-ip-per-minute=8",
        "couponbook.rate-limit.logins-per-account-per-minute=3",
        "couponbook.rate-limit.coupon-actions-per-service-account-per-minute=7",
        // As in prod: X-Forwarded-For is read, but only from configured proxies (none here).
        "server.forward-headers-strategy=native"})
// The login test spends this address's login budget, so it runs after the test that needs tokens.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitTest extends IntegrationTest {

    @Autowired
    ServiceAccounts serviceAccounts;

    @Autowired
    ServiceAccountDirectory directory;

    @Autowired
    JwtEncoder encoder;

    /** A service account acts for many users: its actions count against its own budget, whichever user they name. */
    @Test
    @Order(0)
    void cannotExceedTheServiceAccountBudgetByNamingOtherUsers() {
        String first = serviceToken(serviceAccounts.create("Budgeted").clientId());
        String second = serviceToken(serviceAccounts.create("Other backend").clientId());
        for (int i = 0; i < 7; i++) {
            assertThat(api.post("/api/v1/coupons/NO-SUCH-CODE/lock", first, Map.of("userId", "shopper-" + i)).status())
                    .isNotEqualTo(429);
        }
        ApiClient.Response refused = api.post("/api/v1/coupons/NO-SUCH-CODE/lock", first, Map.of("userId", "shopper-new"));
        assertThat(refused.problemCode()).isEqualTo("RATE_LIMITED");
        assertThat(api.post("/api/v1/coupons/NO-SUCH-CODE/lock", second, Map.of("userId", "shopper-0")).status())
                .as("another account keeps a full budget").isNotEqualTo(429);
    }

    /** Signed as the token endpoint signs it, without spending this address's login budget, which later tests count. */
    private String serviceToken(String clientId) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("coupon-book-service").audience(List.of("coupon-book-api"))
                .subject(clientId).issuedAt(now).notBefore(now).expiresAt(now.plusSeconds(300))
                .claim("roles", List.of("SERVICE"))
                .claim(TokenController.SECRET_ID_CLAIM, directory.state(clientId).orElseThrow().secretId()).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

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

    /** While throttled, other spellings of the same route are the same route; spellings no route takes reach nothing. */
    @Test
    @Order(2)
    void cannotWalkAroundTheUserBudgetThroughOtherSpellingsOfTheRoute() {
        String user = api.token(ApiClient.USER);
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/coupons/NO-SUCH-CODE/lock", user, Map.of());
        }
        for (String path : List.of("/api/v1/coupons/NO-SUCH-CODE/%6Cock", "/api/v1/coupons/NO-SUCH-CODE/%6c%6f%63%6b",
                "/api/v1/coupons/NO-SUCH-CODE/lock/", "/api/v1/coupons/NO-SUCH-CODE/Lock", "/api/v1/coupons/NO-SUCH-CODE/LOCK",
                "/api/v1/coupons/NO-SUCH-CODE/%72edemptions", "/api/v1/coupons/NO-SUCH-CODE/./lock",
                "/api/v1/%63oupons/NO-SUCH-CODE/lock", "/api/v1/coupons/NO-SUCH-CODE/lock;x=1")) {
            ApiClient.Response response = api.post(path, user, Map.of("lockId", "l"));
            assertThat(response.problemCode()).as("counted, or handled by no route: " + path + " -> " + response.raw())
                    .isNotBlank().isNotEqualTo("COUPON_NOT_FOUND");
        }
    }

    /** 3 guesses per account, from however many addresses: the forwarded address of an untrusted peer changes nothing. */
    @Test
    @Order(3)
    void cannotGuessOneAccountsPasswordFromManyAddresses() {
        int refused = 0;
        for (int i = 0; i < 6; i++) {
            HttpHeaders from = new HttpHeaders();
            from.add("X-Forwarded-For", "203.0.113." + i);
            String email = i % 2 == 0 ? "victim@example.com" : " Victim@Example.COM";
            ApiClient.Response login = api.send(HttpMethod.POST, "/api/v1/auth/token", null,
                    Map.of("email", email, "password", "guess" + i), MediaType.APPLICATION_JSON, from);
            if (login.status() == 429) {
                refused++;
            } else {
                assertThat(login.status()).isEqualTo(401);
            }
        }
        assertThat(refused).isEqualTo(3);
    }

    @Test
    @Order(4)
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
        HttpHeaders elsewhere = new HttpHeaders();
        elsewhere.add("X-Forwarded-For", "192.0.2.77");
        ApiClient.Response forwarded = api.send(HttpMethod.POST, "/api/v1/auth/token", null,
                Map.of("email", "fresh@y.z", "password", "guess"), MediaType.APPLICATION_JSON, elsewhere);
        assertThat(forwarded.problemCode()).as("a forwarded address from an unconfigured proxy is not believed")
                .isEqualTo("RATE_LIMITED");
        for (String path : List.of("/api/v1/auth/%74oken", "/api/v1/%61uth/token", "/api/v1/auth/token/", "/api/v1/auth/Token")) {
            HttpHeaders rotated = new HttpHeaders();
            rotated.add("X-Forwarded-For", "198.51.100." + path.length());
            ApiClient.Response login = api.send(HttpMethod.POST, path, null, Map.of("email", "x@y.z", "password", "guess"),
                    MediaType.APPLICATION_JSON, rotated);
            assertThat(login.problemCode()).as("counted, or handled by no route: " + path + " -> " + login.raw())
                    .isNotBlank().isNotEqualTo("INVALID_CREDENTIALS");
        }
    }
}
