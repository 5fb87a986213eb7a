package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.generation.ChunkQueues;
import dev.couponbook.generation.ChunkWorker;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Chunk messages lost with the broker: the saga's sweep publishes the chunks again. */
@TestPropertySource(properties = "couponbook.generation.chunk-timeout=1s")
class LostChunkTest extends IntegrationTest {

    @Autowired
    private RabbitListenerEndpointRegistry listeners;
    @Autowired
    private AmqpAdmin amqp;
    @Autowired
    private ChunkQueues queues;

    @AfterEach
    void restartWorker() {
        listeners.getListenerContainer(ChunkWorker.LISTENER_ID).start();
    }

    @Test
    void canRepublishChunksTheBrokerLost() {
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Lost messages");
        String jobId = queuedJob(generation, bookId, 3);
        amqp.purgeQueue(queues.chunks(), false);
        listeners.getListenerContainer(ChunkWorker.LISTENER_ID).start();

        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(20)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("generated").asLong()).isEqualTo(3000);
    }

    /** Starts a job of {@code chunks} chunks with the worker stopped, and waits until all of them are queued. */
    private String queuedJob(GenerationApi generation, String bookId, int chunks) {
        listeners.getListenerContainer(ChunkWorker.LISTENER_ID).stop();
        String jobId = generation.startJob(bookId, chunks * 1000L, "LOST-#{8}");
        awaitQueued(chunks);
        return jobId;
    }

    private void awaitQueued(int messages) {
        for (int i = 0; i < 100; i++) {
            Object count = amqp.getQueueProperties(queues.chunks()).get(RabbitAdmin.QUEUE_MESSAGE_COUNT);
            if (count instanceof Number number && number.intValue() >= messages) {
                return;
            }
            GenerationApi.pause(50);
        }
        throw new AssertionError("the saga did not publish " + messages + " chunks");
    }
}
