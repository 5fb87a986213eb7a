package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.generation.ChunkQueues;
import dev.couponbook.generation.ChunkWorker;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job's sweeps are deadlines stored with the data: its chunk messages lost with a restart (each
 * run here has its own queues, deleted at shutdown) are published again by sweeps scheduled before it.
 */
class SweepRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void canFinishAJobWhoseChunksWereLostWithARestart() {
        String bookId;
        String jobId;
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(RabbitListenerEndpointRegistry.class).getListenerContainer(ChunkWorker.LISTENER_ID).stop();
            GenerationApi generation = new GenerationApi(api(first));
            bookId = generation.createBook("Sweeps across a restart");
            jobId = generation.startJob(bookId, 2000, "SWEPT-#{8}");
            awaitQueued(first, 2);
            GenerationApi.pause(500);
        }
        try (ConfigurableApplicationContext second = start()) {
            GenerationApi generation = new GenerationApi(api(second));
            JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(40)).json();
            assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("generated").asLong()).isEqualTo(2000);
        }
    }

    private static void awaitQueued(ConfigurableApplicationContext context, int messages) {
        AmqpAdmin amqp = context.getBean(AmqpAdmin.class);
        String queue = context.getBean(ChunkQueues.class).chunks();
        for (int i = 0; i < 200; i++) {
            Object count = amqp.getQueueProperties(queue).get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
            if (count instanceof Number number && number.intValue() >= messages) {
                return;
            }
            GenerationApi.pause(50);
        }
        throw new AssertionError("the saga did not publish " + messages + " chunks");
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CouponBookServer.class).run("--server.port=0",
                "--couponbook.namespace-per-run=true",
                "--couponbook.infrastructure.prefer-local-services=" + "true".equals(System.getenv("CI")),
                "--couponbook.embedded.data-dir=" + dataDir,
                "--couponbook.generation.chunk-timeout=1s");
    }

    private static ApiClient api(ConfigurableApplicationContext context) {
        return new ApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
