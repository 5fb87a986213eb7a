package dev.couponbook.server.security;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers, CORS, body limits and error bodies that give nothing away. */
@TestPropertySource(properties = {"couponbook.cors.allowed-origins=https://shop.example", "couponbook.limits.max-body=4KB"})
class HardeningTest extends IntegrationTest {

    @Test
    void canSendSecurityHeaders() {
        ApiClient.Response response = api.get("/api/v1/coupon-books", api.token(ApiClient.ADMIN));
        assertThat(response.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.headers().getFirst("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(response.headers().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.headers().getFirst("Cache-Control")).contains("no-store");
    }

    @Test
    void canAllowOnlyConfiguredOrigins() {
        ApiClient.Response allowed = preflight("https://shop.example");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.headers().getFirst("Access-Control-Allow-Origin")).isEqualTo("https://shop.example");

        ApiClient.Response refused = preflight("https://evil.example");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.headers().getFirst("Access-Control-Allow-Origin")).isNull();
        assertThat(refused.contentType()).as("a problem document, not plain text").startsWith("application/problem+json");
        assertThat(refused.problemCode()).isEqualTo("CORS_REJECTED");
    }

    /** Without a declared length the body is cut off at the budget while it is read, and that too is a 413. */
    @Test
    void cannotSendAnOversizedChunkedBody() throws Exception {
        byte[] chunk = ("{\"name\": \"" + "x".repeat(64 * 1024)).getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/coupon-books"))
                .header("Authorization", "Bearer " + api.token(ApiClient.ADMIN))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        Collections.enumeration(Collections.nCopies(48, chunk).stream()
                                .map(ByteArrayInputStream::new).toList()))))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    /** Sent over a plain socket: HTTP clients refuse to send CONNECT to an origin server. */
    @Test
    void cannotUseTheConnectMethod() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("CONNECT /api/v1/coupon-books HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 405").contains("application/problem+json")
                    .contains("\"code\":\"METHOD_NOT_ALLOWED\"");
        }
    }

    @Test
    void cannotSendAnOversizedBody() {
        String name = "x".repeat(8 * 1024);
        ApiClient.Response response = api.post("/api/v1/coupon-books", api.token(ApiClient.ADMIN), Map.of("name", name));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemCode()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void cannotSendDeeplyNestedJson() {
        String nested = "{\"name\":" + "[".repeat(3000) + "]".repeat(3000) + "}";
        ApiClient.Response response = api.send(HttpMethod.POST, "/api/v1/coupon-books", api.token(ApiClient.ADMIN),
                nested, MediaType.APPLICATION_JSON, HttpHeaders.EMPTY);
        assertThat(response.status()).isBetween(400, 413);
    }

    @Test
    void cannotLearnInternalsFromAnyErrorBody() {
        String admin = api.token(ApiClient.ADMIN);
        List<ApiClient.Response> errors = List.of(
                api.get("/api/v1/coupon-books/x/y/z", admin),
                api.send(HttpMethod.DELETE, "/api/v1/coupon-books", admin, null),
                api.send(HttpMethod.POST, "/api/v1/coupon-books", admin, "name=x", MediaType.TEXT_PLAIN, HttpHeaders.EMPTY),
                api.send(HttpMethod.POST, "/api/v1/coupon-books", admin, "{", MediaType.APPLICATION_JSON, HttpHeaders.EMPTY),
                api.post("/api/v1/coupon-books", admin, Map.of("name", "n", "maxCodesPerUser", "many")),
                api.get("/api/v1/coupon-books?page=-1", admin),
                api.get("/api/v1/coupon-books", "garbage"),
                api.post("/api/v1/coupon-books", api.token(ApiClient.USER), Map.of("name", "n")));
        for (ApiClient.Response error : errors) {
            assertThat(error.status()).isBetween(400, 499);
            assertThat(error.contentType()).startsWith("application/problem+json");
            assertThat(error.problemCode()).isNotBlank();
            assertThat(error.raw()).doesNotContain("Exception", "dev.couponbook", "org.springframework", "\tat ");
        }
    }

    @Test
    void canEchoTheCorrelationId() {
        ApiClient.Response response = api.send(HttpMethod.GET, "/api/v1/coupon-books", api.token(ApiClient.ADMIN), null,
                MediaType.APPLICATION_JSON, headers("X-Correlation-Id", "checkout-42"));
        assertThat(response.headers().getFirst("X-Correlation-Id")).isEqualTo("checkout-42");
        assertThat(api.get("/api/v1/coupon-books", null).headers().getFirst("X-Correlation-Id")).isNotBlank();
    }

    private ApiClient.Response preflight(String origin) {
        HttpHeaders headers = headers("Origin", origin);
        headers.add("Access-Control-Request-Method", "POST");
        return api.send(HttpMethod.OPTIONS, "/api/v1/coupon-books", null, null, MediaType.APPLICATION_JSON, headers);
    }

    private static HttpHeaders headers(String name, String value) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(name, value);
        return headers;
    }
}
