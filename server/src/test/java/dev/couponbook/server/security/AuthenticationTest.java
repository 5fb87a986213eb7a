package dev.couponbook.server.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets in, who does not, and how refusals look. */
class AuthenticationTest extends IntegrationTest {

    @Value("${couponbook.security.jwt.secret}")
    String secret;

    @Test
    void canLogInAndUseTheToken() {
        ApiClient.Response login = api.post("/api/v1/auth/token", null, Map.of("email", ApiClient.ADMIN, "password", "Password1"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(login.json().get("expires_in").asLong()).isPositive();
        assertThat(api.get("/api/v1/coupon-books", login.json().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    void cannotLogInWithAWrongPassword() {
        ApiClient.Response login = api.post("/api/v1/auth/token", null, Map.of("email", ApiClient.ADMIN, "password", "wrong"));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.contentType()).startsWith("application/problem+json");
        assertThat(login.problemCode()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void cannotLogInAsAnUnknownUserAndLearnsNothingMore() {
        ApiClient.Response login = api.post("/api/v1/auth/token", null, Map.of("email", "nobody@x.com", "password", "Password1"));
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.problemCode()).isEqualTo("INVALID_CREDENTIALS");
    }

    @Test
    void cannotCallTheApiWithoutAToken() {
        ApiClient.Response response = api.get("/api/v1/coupon-books", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void cannotUseAnExpiredToken() throws Exception {
        Instant past = Instant.now().minusSeconds(7200);
        assertThat(api.get("/api/v1/coupon-books", hs256(secret, past, past.plusSeconds(60), "ADMIN")).status()).isEqualTo(401);
    }

    /** A token without {@code exp} would never expire; the default validators only check an expiry that is there. */
    @Test
    void cannotUseATokenWithoutAnExpiry() throws Exception {
        JWTClaimsSet forever = new JWTClaimsSet.Builder(claims(Instant.now(), Instant.now().plusSeconds(600), "ADMIN"))
                .expirationTime(null).build();
        assertThat(api.get("/api/v1/coupon-books", sign(secret, forever)).status()).isEqualTo(401);
    }

    @Test
    void cannotUseATokenThatIsNotYetValid() throws Exception {
        Instant future = Instant.now().plusSeconds(3600);
        JWTClaimsSet claims = claims(future, future.plusSeconds(3600), "ADMIN");
        assertThat(api.get("/api/v1/coupon-books", sign(secret, claims)).status()).isEqualTo(401);
    }

    @Test
    void cannotUseATokenSignedWithAnotherKey() throws Exception {
        String token = hs256("another-secret-that-is-long-enough-0123456789", Instant.now(), Instant.now().plusSeconds(600), "ADMIN");
        assertThat(api.get("/api/v1/coupon-books", token).status()).isEqualTo(401);
    }

    @Test
    void cannotUseATokenOfAnotherIssuerOrAudience() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet otherIssuer = new JWTClaimsSet.Builder(claims(now, now.plusSeconds(600), "ADMIN")).issuer("someone-else").build();
        JWTClaimsSet otherAudience = new JWTClaimsSet.Builder(claims(now, now.plusSeconds(600), "ADMIN")).audience("another-api").build();
        assertThat(api.get("/api/v1/coupon-books", sign(secret, otherIssuer)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/coupon-books", sign(secret, otherAudience)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/coupon-books", sign(secret, claims(now, now.plusSeconds(600), "ADMIN"))).status())
                .as("the same token with the right issuer and audience is accepted").isEqualTo(200);
    }

    @Test
    void cannotReachAdminEndpointsAsAUser() {
        String user = api.token(ApiClient.USER);
        String book = "/api/v1/coupon-books/4b0a2c54-0000-4000-8000-000000000000";
        List<ApiClient.Response> attempts = List.of(
                api.post("/api/v1/coupon-books", user, Map.of("name", "x")),
                api.get("/api/v1/coupon-books", user),
                api.get(book, user),
                api.send(HttpMethod.PATCH, book, user, Map.of("name", "x")),
                api.post(book + "/activate", user, null),
                api.post(book + "/deactivate", user, null),
                api.post(book + "/codes", user, List.of("ABCD1")),
                api.post("/api/v1/coupons/ABCD1/assignment", user, Map.of("userId", "u")),
                api.get("/api/v1/admin/dead-letters", user));
        assertThat(attempts).extracting(ApiClient.Response::status).containsOnly(403);
    }

    @Test
    void canKeepPasswordsOnlyAsBcryptHashes(@Autowired MongoTemplate mongo) {
        org.bson.Document admin = mongo.getCollection("users").find(new org.bson.Document("email", ApiClient.ADMIN)).first();
        assertThat(admin.getString("passwordHash")).startsWith("$2a$").doesNotContain(ApiClient.PASSWORD);
        assertThat(admin.keySet()).doesNotContain("password");
    }

    @Test
    void cannotUseAnUnsignedToken() {
        String token = new PlainJWT(claims(Instant.now(), Instant.now().plusSeconds(600), "ADMIN")).serialize();
        assertThat(api.get("/api/v1/coupon-books", token).status()).isEqualTo(401);
    }

    @Test
    void cannotRaiseItsRoleByEditingTheClaims() throws Exception {
        String userToken = api.token(ApiClient.USER);
        String[] parts = userToken.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8).replace("\"USER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
        ApiClient.Response response = api.post("/api/v1/coupon-books", tampered, Map.of("name", "Mine"));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void cannotCreateABookAsAUser() {
        ApiClient.Response response = api.post("/api/v1/coupon-books", api.token(ApiClient.USER), Map.of("name", "Mine"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("FORBIDDEN");
    }

    @Test
    void cannotSendMalformedJson() {
        ApiClient.Response response = api.send(HttpMethod.POST, "/api/v1/coupon-books", api.token(ApiClient.ADMIN),
                "{\"name\": ", MediaType.APPLICATION_JSON, HttpHeaders.EMPTY);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void cannotSendInvalidFieldsAndIsToldWhichOnes() {
        ApiClient.Response response = api.post("/api/v1/coupon-books", api.token(ApiClient.ADMIN),
                Map.of("name", "", "maxCodesPerUser", -1));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().get("errors").findValuesAsText("field")).contains("name", "maxCodesPerUser");
    }

    @Test
    void cannotSendAFieldOfTheWrongType() {
        ApiClient.Response response = api.post("/api/v1/coupon-books", api.token(ApiClient.ADMIN),
                Map.of("name", "Typed", "startDate", "yesterday"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").findValuesAsText("field")).containsExactly("startDate");
    }

    @Test
    void cannotCreateABookEndingBeforeItStarts() {
        ApiClient.Response response = api.post("/api/v1/coupon-books", api.token(ApiClient.ADMIN), Map.of(
                "name", "Backwards", "startDate", "2026-12-01T00:00:00Z", "endDate", "2026-11-01T00:00:00Z"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("INVALID_WINDOW");
    }

    @Test
    void cannotReachAnUnknownRoute() {
        ApiClient.Response response = api.get("/api/v1/no-such-thing", api.token(ApiClient.ADMIN));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemCode()).isEqualTo("NOT_FOUND");
    }

    private static String hs256(String key, Instant issued, Instant expires, String role) throws Exception {
        return sign(key, claims(issued, expires, role));
    }

    private static String sign(String key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(Instant issued, Instant expires, String role) {
        return new JWTClaimsSet.Builder()
                .issuer("coupon-book-service")
                .audience("coupon-book-api")
                .subject("someone")
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .claim("roles", List.of(role))
                .build();
    }
}
