package dev.couponbook.server;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API consumers reach: health (details for ADMIN), metrics (ADMIN on the API port), the OpenAPI document. */
@AutoConfigureObservability(tracing = false)
class OperationsEndpointsTest extends IntegrationTest {

    @Test
    void canReportHealthOfMongoRedisAndAmqp() {
        ApiClient.Response health = api.get("/actuator/health", api.token(ApiClient.ADMIN));
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/mongo/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/redis/status").asText()).isEqualTo("UP");
        assertThat(health.json().at("/components/rabbit/status").asText()).isEqualTo("UP");
    }

    @Test
    void canServeTheOpenApiDocumentAndSwaggerUi() {
        ApiClient.Response docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().at("/paths").has("/api/v1/coupon-books")).isTrue();
        assertThat(docs.json().at("/paths").has("/api/v1/auth/token")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void canExposePrometheusMetrics() {
        ApiClient.Response metrics = api.get("/actuator/prometheus", api.token(ApiClient.ADMIN));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("jvm_memory_used_bytes");
    }

    /** A user token reads no metrics, and without one the health answer names no store. */
    @Test
    void cannotReadMetricsOrHealthDetailsWithoutBeingAdmin() {
        String user = api.token(ApiClient.USER);
        assertThat(api.get("/actuator/metrics", user).status()).isEqualTo(403);
        assertThat(api.get("/actuator/metrics/jvm.memory.used", user).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", user).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        ApiClient.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().has("components")).isFalse();
        assertThat(api.get("/actuator/health", user).json().has("components")).isFalse();
    }
}
