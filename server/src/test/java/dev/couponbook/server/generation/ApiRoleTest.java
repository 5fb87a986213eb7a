package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.generation.ChunkWorker;
import dev.couponbook.generation.CodeGenerationSaga;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An instance without the generation role accepts jobs but does no generation work itself. */
@TestPropertySource(properties = "couponbook.roles=command,query")
class ApiRoleTest extends IntegrationTest {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private RabbitListenerEndpointRegistry listeners;
    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void cannotRunTheWorkerOrTheSagaInTheApiRole() {
        assertThat(listeners.getListenerContainer(ChunkWorker.LISTENER_ID)).isNull();
        assertThat(context.getBeanNamesForType(ChunkWorker.class)).isEmpty();
        assertThat(processing.sagaEventProcessor(CodeGenerationSaga.class)).isEmpty();

        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Waiting for a worker");
        String jobId = generation.startJob(bookId, 1000, null);
        JsonNode job = generation.awaitJob(bookId, jobId, Duration.ofSeconds(10), r -> r.status() == 200).json();
        GenerationApi.pause(2000);
        job = generation.awaitJob(bookId, jobId, Duration.ZERO, r -> true).json();
        assertThat(job.get("status").asText()).isEqualTo("PENDING");
        assertThat(job.get("generated").asLong()).isZero();
    }
}
