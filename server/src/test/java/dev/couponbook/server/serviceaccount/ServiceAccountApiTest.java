package dev.couponbook.server.serviceaccount;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.ServiceAccountsApi;
import dev.couponbook.server.coupon.CouponApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, part 1: admins manage service accounts, whose clients get tokens with the client-credentials grant. */
class ServiceAccountApiTest extends IntegrationTest {

    private String admin;
    private ServiceAccountsApi accounts;

    @BeforeEach
    void admin() {
        admin = api.token(ApiClient.ADMIN);
        accounts = new ServiceAccountsApi(api, admin);
    }

    private ApiClient.Response probe(String token) {
        return api.get("/api/v1/users/anyone/coupons", token);
    }

    @Test
    void canCreateAnAccountWhoseSecretIsShownOnceAndNeverListed() {
        ApiClient.Response created = api.post("/api/v1/service-accounts", admin, Map.of("name", "Checkout backend"));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String clientId = created.json().get("clientId").asText();
        String secret = created.json().get("clientSecret").asText();
        assertThat(clientId).startsWith("svc-");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        assertThat(created.json().get("name").asText()).isEqualTo("Checkout backend");
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        assertThat(created.json().get("createdAt").asText()).isNotBlank();
        assertThat(created.headers().getLocation()).hasToString("/api/v1/service-accounts/" + clientId);

        ApiClient.Response one = api.get("/api/v1/service-accounts/" + clientId, admin);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("name").asText()).isEqualTo("Checkout backend");
        ApiClient.Response all = api.get("/api/v1/service-accounts", admin);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("items").findValuesAsText("clientId")).contains(clientId);
        assertThat(one.raw()).doesNotContain(secret).doesNotContain("clientSecret");
        assertThat(all.raw()).doesNotContain(secret).doesNotContain("clientSecret");
    }

    @Test
    void cannotCreateAnAccountWithoutAName() {
        ApiClient.Response response = api.post("/api/v1/service-accounts", admin, Map.of("name", " "));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void cannotReadAnUnknownAccount() {
        ApiClient.Response response = api.get("/api/v1/service-accounts/svc-unknown", admin);
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("SERVICE_ACCOUNT_NOT_FOUND");
        assertThat(accounts.action("svc-unknown", "secret").problemCode()).isEqualTo("SERVICE_ACCOUNT_NOT_FOUND");
        assertThat(accounts.action("svc-unknown", "disable").problemCode()).isEqualTo("SERVICE_ACCOUNT_NOT_FOUND");
    }

    @Test
    void cannotManageAccountsWithoutBeingAdmin() {
        ServiceAccountsApi.Client client = accounts.create("Not an admin");
        String service = accounts.token(client);
        for (String token : List.of(api.token(ApiClient.USER), api.token(ApiClient.AUDITOR), service)) {
            assertThat(api.post("/api/v1/service-accounts", token, Map.of("name", "x")).status()).isEqualTo(403);
            assertThat(api.get("/api/v1/service-accounts", token).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/service-accounts/" + client.clientId() + "/secret", token, null).status())
                    .isEqualTo(403);
        }
        assertThat(api.get("/api/v1/service-accounts", null).status()).isEqualTo(401);
    }

    @Test
    void canGetATokenByFormByJsonAndByHttpBasic() {
        ServiceAccountsApi.Client client = accounts.create("Three ways");

        ApiClient.Response form = accounts.tokenByForm(client.clientId(), client.secret());
        ApiClient.Response json = api.post("/api/v1/auth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", client.clientId(), "client_secret", client.secret()));
        ApiClient.Response basic = api.send(HttpMethod.POST, "/api/v1/auth/token", null, "grant_type=client_credentials",
                MediaType.APPLICATION_FORM_URLENCODED, basic(client.clientId(), client.secret()));

        for (ApiClient.Response response : List.of(form, json, basic)) {
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            assertThat(response.json().get("token_type").asText()).isEqualTo("Bearer");
            assertThat(response.json().get("expires_in").asLong()).isEqualTo(300);
            assertThat(probe(response.json().get("access_token").asText()).status()).isEqualTo(200);
        }
    }

    @Test
    void cannotGetATokenWithAWrongSecret() {
        ServiceAccountsApi.Client client = accounts.create("Wrong secret");

        for (ApiClient.Response response : List.of(accounts.tokenByForm(client.clientId(), "not-the-secret"),
                accounts.tokenByForm("svc-nobody", client.secret()),
                api.send(HttpMethod.POST, "/api/v1/auth/token", null, "grant_type=client_credentials",
                        MediaType.APPLICATION_FORM_URLENCODED, basic(client.clientId(), "wrong")))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.problemCode()).isEqualTo("INVALID_CLIENT");
            assertThat(response.json().get("error").asText()).isEqualTo("invalid_client");
            assertThat(response.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        }
    }

    @Test
    void cannotUseAnotherGrantType() {
        ApiClient.Response form = api.send(HttpMethod.POST, "/api/v1/auth/token", null, "grant_type=password",
                MediaType.APPLICATION_FORM_URLENCODED, HttpHeaders.EMPTY);
        ApiClient.Response json = api.post("/api/v1/auth/token", null, Map.of("grant_type", "authorization_code"));
        for (ApiClient.Response response : List.of(form, json)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.problemCode()).isEqualTo("UNSUPPORTED_GRANT_TYPE");
            assertThat(response.json().get("error").asText()).isEqualTo("unsupported_grant_type");
        }
    }

    @Test
    void canStillLogInAsAUserWithEmailAndPassword() {
        assertThat(probe(api.token(ApiClient.ADMIN)).status()).isEqualTo(200);
        ApiClient.Response blank = api.post("/api/v1/auth/token", null, Map.of("email", "", "password", ""));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.problemCode()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void canRotateTheSecretAfterWhichTheOldOneAndItsTokensStopWorking() {
        ServiceAccountsApi.Client client = accounts.create("Rotated");
        String oldToken = accounts.token(client);

        ApiClient.Response rotated = accounts.action(client.clientId(), "secret");

        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(200);
        String newSecret = rotated.json().get("clientSecret").asText();
        assertThat(newSecret).isNotEqualTo(client.secret());
        assertThat(accounts.tokenByForm(client.clientId(), client.secret()).problemCode()).isEqualTo("INVALID_CLIENT");
        assertThat(probe(oldToken).status()).isEqualTo(401);
        String newToken = accounts.token(new ServiceAccountsApi.Client(client.clientId(), newSecret));
        assertThat(probe(newToken).status()).isEqualTo(200);
    }

    @Test
    void canDisableAnAccountWhoseTokensStopWorkingAndEnableItAgain() {
        ServiceAccountsApi.Client client = accounts.create("Disabled");
        String token = accounts.token(client);
        assertThat(probe(token).status()).isEqualTo(200);

        ApiClient.Response disabled = accounts.action(client.clientId(), "disable");

        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(probe(token).status()).isEqualTo(401);
        assertThat(accounts.tokenByForm(client.clientId(), client.secret()).problemCode()).isEqualTo("INVALID_CLIENT");
        assertThat(accounts.action(client.clientId(), "disable").status()).isEqualTo(200);

        ApiClient.Response enabled = accounts.action(client.clientId(), "enable");

        assertThat(enabled.json().get("enabled").asBoolean()).isTrue();
        assertThat(probe(token).status()).isEqualTo(200);
        assertThat(probe(accounts.token(client)).status()).isEqualTo(200);
    }

    @Test
    void canRotateTwentyTimesAtOnceLeavingExactlyOneWorkingSecret() throws Exception {
        ServiceAccountsApi.Client client = accounts.create("Raced");
        int count = 20;
        List<ApiClient.Response> rotations = CouponApi.race(count, i -> accounts.action(client.clientId(), "secret"));

        List<String> secrets = new ArrayList<>();
        for (ApiClient.Response rotation : rotations) {
            assertThat(rotation.status()).as(rotation.raw()).isEqualTo(200);
            secrets.add(rotation.json().get("clientSecret").asText());
        }
        secrets.add(client.secret());
        long working = secrets.stream()
                .filter(secret -> accounts.tokenByForm(client.clientId(), secret).status() == 200)
                .count();
        assertThat(secrets).doesNotHaveDuplicates();
        assertThat(working).isEqualTo(1);
    }

    private static HttpHeaders basic(String clientId, String secret) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        return headers;
    }
}
