package dev.couponbook.server;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Creates service accounts as an admin and gets their tokens through the token endpoint, as a shop backend would. */
public final class ServiceAccountsApi {

    private final ApiClient api;
    private final String admin;

    public ServiceAccountsApi(ApiClient api, String adminToken) {
        this.api = api;
        this.admin = adminToken;
    }

    /** A client id and the secret shown once. */
    public record Client(String clientId, String secret) {
    }

    public Client create(String name) {
        ApiClient.Response created = api.post("/api/v1/service-accounts", admin, Map.of("name", name));
        if (created.status() != 201) {
            throw new IllegalStateException("service account not created: " + created.raw());
        }
        return new Client(created.json().get("clientId").asText(), created.json().get("clientSecret").asText());
    }

    /** The client-credentials grant as a form with the credentials in the body. */
    public ApiClient.Response tokenByForm(String clientId, String secret) {
        return api.send(HttpMethod.POST, "/api/v1/auth/token", null, "grant_type=client_credentials&client_id="
                        + encode(clientId) + "&client_secret=" + encode(secret),
                MediaType.APPLICATION_FORM_URLENCODED, HttpHeaders.EMPTY);
    }

    public String token(Client client) {
        ApiClient.Response response = tokenByForm(client.clientId(), client.secret());
        if (response.status() != 200) {
            throw new IllegalStateException("no token for " + client.clientId() + ": " + response.raw());
        }
        return response.json().get("access_token").asText();
    }

    public ApiClient.Response action(String clientId, String action) {
        return api.post("/api/v1/service-accounts/" + clientId + "/" + action, admin, null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
