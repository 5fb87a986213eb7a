package dev.couponbook.server;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** As in prod: management on a port of its own, where Prometheus scrapes without a token; the API port does not serve it. */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends IntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void canScrapeOnlyOnTheManagementPort() {
        ApiClient management = new ApiClient(managementPort);
        assertThat(management.get("/actuator/prometheus", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness", null).status()).isEqualTo(200);
        assertThat(management.get("/actuator/metrics", null).status()).as("metrics stay ADMIN's").isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", null).status()).as("not served on the API port").isIn(401, 404);
    }
}
