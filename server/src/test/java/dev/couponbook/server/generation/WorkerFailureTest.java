package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import dev.couponbook.generation.ChunkOrder;
import dev.couponbook.generation.ChunkPublisher;
import dev.couponbook.generation.ChunkQueues;
import dev.couponbook.generation.ChunkWorker;
import dev.couponbook.messages.couponbook.RequestCodeGeneration;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** Invariant 7 under failure: a worker stopped mid-job, a redelivered chunk, a duplicate publish, a poison chunk. */
class WorkerFailureTest extends IntegrationTest {

    private static final long GRACEFUL_SHUTDOWN_MILLIS = 5000;

    @Autowired
    private RabbitListenerEndpointRegistry listeners;
    @Autowired
    private ChunkWorker worker;
    @Autowired
    private ChunkPublisher publisher;
    @Autowired
    private ChunkQueues queues;
    @Autowired
    private ConnectionFactory connections;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private MongoTemplate mongo;

    private SimpleMessageListenerContainer container() {
        return (SimpleMessageListenerContainer) listeners.getListenerContainer(ChunkWorker.LISTENER_ID);
    }

    @AfterEach
    void restartWorker() {
        container().setShutdownTimeout(GRACEFUL_SHUTDOWN_MILLIS);
        if (!container().isRunning()) {
            container().start();
        }
    }

    @Test
    void canCompleteAJobExactlyAfterTheWorkerIsStoppedAbruptlyMidJob() {
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Interrupted");
        String jobId = generation.startJob(bookId, 40_000, "CUT-#{8}");
        JsonNode running = generation.awaitJob(bookId, jobId, Duration.ofSeconds(30),
                r -> r.status() == 200 && r.json().get("generated").asLong() >= 3000).json();
        assertThat(running.get("status").asText()).isEqualTo("RUNNING");

        container().setShutdownTimeout(1);
        container().stop();
        GenerationApi.pause(1000);
        long generatedWhileStopped = generation.awaitJob(bookId, jobId, Duration.ZERO, r -> true).json().get("generated").asLong();
        GenerationApi.pause(1000);
        JsonNode stopped = generation.awaitJob(bookId, jobId, Duration.ZERO, r -> true).json();
        assertThat(stopped.get("generated").asLong()).as("nothing is generated while the worker is down")
                .isEqualTo(generatedWhileStopped).isLessThan(40_000);

        container().start();
        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(60)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("generated").asLong()).isEqualTo(40_000);
        assertThatRecordedExactly(bookId, jobId, 40);
    }

    @Test
    void canIgnoreARedeliveredChunk() throws Exception {
        container().stop();
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Redelivered");
        String jobId = generation.startJob(bookId, 3000, "RE-#{8}");
        Message chunkZero = chunkMessage(new ChunkOrder(bookId, jobId, 0, 1000, "RE-#{8}"), false);
        Message redelivered = chunkMessage(new ChunkOrder(bookId, jobId, 0, 1000, "RE-#{8}"), true);
        Channel channel = mock(Channel.class);

        worker.onChunk(chunkZero, channel);
        worker.onChunk(redelivered, channel);

        verify(channel, times(2)).basicAck(7L, false);
        GenerationStore store = new GenerationStore(mongo);
        assertThat(store.recordedChunks(bookId, jobId)).containsExactly(0);
        assertThat(store.claimedBy(bookId)).as("the second delivery claimed nothing").hasSize(1000);

        container().start();
        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(30)).json();
        assertThat(job.get("generated").asLong()).isEqualTo(3000);
        assertThat(assertThatRecordedExactly(bookId, jobId, 3)).hasSize(3000);
    }

    @Test
    void canIgnoreADuplicatePublish() {
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Published twice");
        container().stop();
        String jobId = generation.startJob(bookId, 4000, "DUP-#{8}");
        List<ChunkOrder> again = IntStream.range(0, 4)
                .mapToObj(chunkNo -> new ChunkOrder(bookId, jobId, chunkNo, 1000, "DUP-#{8}")).toList();
        publisher.publish(again);
        publisher.publish(again);
        container().start();

        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(30)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("generated").asLong()).isEqualTo(4000);
        GenerationApi.pause(500);
        assertThat(assertThatRecordedExactly(bookId, jobId, 4)).as("the copies claimed nothing").hasSize(4000);
    }

    @Test
    void canDeadLetterAPoisonChunkAndFailItsJob() {
        GenerationApi generation = new GenerationApi(api);
        String bookId = generation.createBook("Poisoned");
        String jobId = UUID.randomUUID().toString();
        container().stop();
        publisher.publish(List.of(new ChunkOrder(bookId, jobId, 0, 1000, "BROKEN-[")));
        RabbitTemplate rabbit = new RabbitTemplate(connections);
        rabbit.send("", queues.chunks(), new Message("not json".getBytes(StandardCharsets.UTF_8)));
        commands.sendAndWait(new RequestCodeGeneration(bookId, jobId, 3000, "OK-#{8}", 1000));
        container().start();

        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(30)).json();
        assertThat(job.get("status").asText()).isEqualTo("FAILED");
        assertThat(job.get("failureReason").asText()).contains("chunk 0 refused").contains("BROKEN-[");
        assertThat(job.get("generated").asLong()).as("the poison came first, so the job could not complete")
                .isLessThan(3000);

        HashSet<String> reasons = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            Message dead = rabbit.receive(queues.deadLetters(), 10_000);
            assertThat(dead).as("dead letter %d", i).isNotNull();
            reasons.add(dead.getMessageProperties().getHeader("x-couponbook-failure").toString().split(":")[0]);
        }
        assertThat(reasons).containsExactlyInAnyOrder("chunk 0 refused", "unreadable chunk message");
    }

    /**
     * Each chunk recorded once, and the export holds exactly the job's codes, all claimed by the book. A chunk
     * interrupted between its claims and its event leaves those claims behind (codes nobody can use, never in a
     * book), so the registry may hold more than the export.
     */
    private Set<String> assertThatRecordedExactly(String bookId, String jobId, int chunks) {
        GenerationStore store = new GenerationStore(mongo);
        assertThat(store.recordedChunks(bookId, jobId)).as("each chunk recorded once")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, chunks).boxed().toList());
        GenerationApi generation = new GenerationApi(api);
        generation.awaitCodes(bookId, chunks * 1000L);
        List<String> rows = generation.exportCsv(bookId);
        assertThat(rows).hasSize(chunks * 1000).doesNotHaveDuplicates();
        Set<String> exported = new HashSet<>();
        rows.forEach(row -> exported.add(row.substring(0, row.indexOf(','))));
        Set<String> claimed = store.claimedBy(bookId);
        assertThat(claimed).containsAll(exported);
        return claimed;
    }

    private static Message chunkMessage(ChunkOrder order, boolean redelivered) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryTag(7L);
        properties.setRedelivered(redelivered);
        String body = "{\"bookId\":\"" + order.bookId() + "\",\"jobId\":\"" + order.jobId() + "\",\"chunkNo\":"
                + order.chunkNo() + ",\"size\":" + order.size() + ",\"pattern\":\"" + order.pattern() + "\"}";
        return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
    }
}
