package dev.couponbook.server;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API consumers reach without a token: health, metrics, the OpenAPI document. */
@AutoConfigureObservability(tracing = false)
class OperationsEndpointsTest extends IntegrationTest {

    @Test
    void canReportHealthOfMongoRedisAndAmqp() {
        ApiClient.Response health = api.get("/actuator/health", null);
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
        ApiClient.Response metrics = api.get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("jvm_memory_used_bytes");
    }
}
