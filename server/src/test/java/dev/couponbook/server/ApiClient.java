package dev.couponbook.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** Talks to a running server over HTTP the way a client would, without throwing on error statuses. */
public final class ApiClient {

    public static final String PASSWORD = "Password1";
    public static final String ADMIN = "admin@admin.com";
    public static final String USER = "user@user.com";
    public static final String AUDITOR = "auditor@auditor.com";
    public static final String ANALYST = "analyst@analyst.com";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient http;
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        factory.setReadTimeout(Duration.ofSeconds(60));
        this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).requestFactory(factory).build();
    }

    /** A response: status, headers and the body parsed as JSON (null when empty or not JSON). */
    public record Response(int status, HttpHeaders headers, String raw, JsonNode json) {
        public String contentType() {
            return headers.getContentType() == null ? null : headers.getContentType().toString();
        }

        public String problemCode() {
            return json == null ? null : json.path("code").asText(null);
        }
    }

    public String token(String email) {
        Response response = send(HttpMethod.POST, "/api/v1/auth/token", null,
                Map.of("email", email, "password", PASSWORD));
        if (response.status() != 200) {
            throw new IllegalStateException("login failed for " + email + ": " + response.raw());
        }
        return response.json().get("access_token").asText();
    }

    public Response get(String path, String token) {
        return send(HttpMethod.GET, path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send(HttpMethod.POST, path, token, body);
    }

    public Response send(HttpMethod method, String path, String token, Object body) {
        return send(method, path, token, body, MediaType.APPLICATION_JSON, HttpHeaders.EMPTY);
    }

    public Response send(HttpMethod method, String path, String token, Object body, MediaType contentType,
                         HttpHeaders extraHeaders) {
        // Sent as written: a path with percent-escapes reaches the server exactly as a client typed it.
        RestClient.RequestBodySpec request = http.method(method).uri(URI.create(base + path)).headers(headers -> {
            headers.addAll(extraHeaders);
            if (token != null) {
                headers.setBearerAuth(token);
            }
        });
        if (body != null) {
            request.contentType(contentType).body(body instanceof String text ? text : write(body));
        }
        return request.exchange((req, res) -> {
            String raw = new String(res.getBody().readAllBytes());
            return new Response(res.getStatusCode().value(), res.getHeaders(), raw, parse(raw));
        });
    }

    /** Repeats {@code GET path} until {@code until} holds, for reads that follow a write through a projection. */
    public Response await(String path, String token, Predicate<Response> until) {
        return await(path, token, Duration.ofSeconds(20), until);
    }

    /** {@link #await(String, String, Predicate)} with its own patience, for read models that follow a large job. */
    public Response await(String path, String token, Duration patience, Predicate<Response> until) {
        Instant deadline = Instant.now().plus(patience);
        Response last = get(path, token);
        while (!until.test(last) && Instant.now().isBefore(deadline)) {
            sleep();
            last = get(path, token);
        }
        return last;
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }
}
