package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.embedded.EmbeddedAmqpBroker;
import dev.couponbook.server.faults.CuttableProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker becomes unreachable (the service reaches it through a relay the test cuts): a job
 * requested meanwhile waits as PENDING and runs when the broker is back; a job cut off in the
 * middle completes with exactly the requested number of distinct codes.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = "couponbook.generation.chunk-timeout=1s")
class BrokerOutageTest extends IntegrationTest {

    private static final EmbeddedAmqpBroker BROKER = EmbeddedAmqpBroker.start();
    private static final CuttableProxy RELAY = relay();

    @DynamicPropertySource
    static void throughTheRelay(DynamicPropertyRegistry properties) {
        properties.add("couponbook.amqp.url", () -> "amqp://guest:guest@127.0.0.1:" + RELAY.port());
    }

    @AfterAll
    static void stop() throws IOException {
        RELAY.close();
        BROKER.close();
    }

    @Test
    void canRunAJobRequestedWhileTheBrokerWasUnreachable() {
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Requested during outage");
        RELAY.cut();
        try {
            String jobId = generation.startJob(bookId, 3000, null);
            GenerationApi.pause(3000);
            assertThat(generation.awaitJob(bookId, jobId, Duration.ZERO, r -> true).json().get("status").asText())
                    .isEqualTo("PENDING");
            RELAY.restore();
            assertExactlyGenerated(generation, bookId, jobId, 3000);
        } finally {
            RELAY.restore();
        }
    }

    @Test
    void canCompleteAJobExactlyAcrossABrokerOutageMidJob() {
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Cut mid-job");
        String jobId = generation.startJob(bookId, 20_000, null);
        generation.awaitJob(bookId, jobId, Duration.ofSeconds(60), r -> r.json().path("generated").asLong() > 0);
        RELAY.cut();
        try {
            GenerationApi.pause(2000);
        } finally {
            RELAY.restore();
        }
        assertExactlyGenerated(generation, bookId, jobId, 20_000);
    }

    private static void assertExactlyGenerated(GenerationApi generation, String bookId, String jobId, int count) {
        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(120)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("generated").asLong()).isEqualTo(count);
        generation.awaitCodes(bookId, count);
        List<String> rows = generation.exportCsv(bookId);
        assertThat(rows).hasSize(count);
        assertThat(new HashSet<>(rows.stream().map(row -> row.substring(0, row.indexOf(','))).toList())).hasSize(count);
    }

    private static CuttableProxy relay() {
        try {
            return new CuttableProxy(BROKER.port());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
