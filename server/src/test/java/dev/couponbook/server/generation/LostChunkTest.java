package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.generation.ChunkQueues;
import dev.couponbook.generation.ChunkWorker;
import dev.couponbook.generation.CodeGenerationSaga;
import dev.couponbook.generation.GenerationRecovery;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Chunk messages lost with the broker, and sweeps lost with a restart: the saga publishes the chunks again. */
@TestPropertySource(properties = "couponbook.generation.chunk-timeout=1s")
class LostChunkTest extends IntegrationTest {

    @Autowired
    private RabbitListenerEndpointRegistry listeners;
    @Autowired
    private AmqpAdmin amqp;
    @Autowired
    private ChunkQueues queues;
    @Autowired
    private DeadlineManager deadlines;
    @Autowired
    private GenerationRecovery recovery;
    @Autowired
    private SagaStore<Object> sagas;

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

    @Test
    void canResumeSweepsLostWithARestart() {
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Lost sweeps");
        String jobId = queuedJob(generation, bookId, 2);
        awaitSaga(jobId);
        deadlines.cancelAll("generation-sweep");
        amqp.purgeQueue(queues.chunks(), false);
        listeners.getListenerContainer(ChunkWorker.LISTENER_ID).start();
        GenerationApi.pause(3000);
        assertThat(generation.awaitJob(bookId, jobId, Duration.ZERO, r -> true).json().get("status").asText())
                .as("without sweeps nothing re-publishes the lost chunks").isEqualTo("PENDING");

        recovery.resumeSweeps();

        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(20)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("generated").asLong()).isEqualTo(2000);
    }

    /** Starts a job of {@code chunks} chunks with the worker stopped, and waits until all of them are queued. */
    private String queuedJob(GenerationApi generation, String bookId, int chunks) {
        listeners.getListenerContainer(ChunkWorker.LISTENER_ID).stop();
        String jobId = generation.startJob(bookId, chunks * 1000L, "LOST-#{8}");
        awaitQueued(chunks);
        return jobId;
    }

    /** Waits until the saga that published the job's chunks is stored, so its first sweep is scheduled. */
    private void awaitSaga(String jobId) {
        for (int i = 0; i < 100 && sagas.findSagas(CodeGenerationSaga.class, new AssociationValue("jobId", jobId)).isEmpty(); i++) {
            GenerationApi.pause(50);
        }
        GenerationApi.pause(200);
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
