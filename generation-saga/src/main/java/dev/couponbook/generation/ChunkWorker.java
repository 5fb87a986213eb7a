package dev.couponbook.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.messages.couponbook.FailCodeGeneration;
import dev.couponbook.messages.couponbook.RecordGeneratedCodes;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;

/**
 * Generates the chunks the saga publishes. Each chunk is recorded through the book, which claims
 * its codes in the global registry and records a chunk number once, so a redelivered or duplicated
 * message is harmless. The message is acknowledged only after the book stored the chunk (or
 * ignored it as a repeat). A chunk that fails on a domain rule, or fails {@code max-attempts} times,
 * goes to the dead-letter queue with the reason and fails its job.
 */
@Component
public class ChunkWorker {

    public static final String LISTENER_ID = "code-generation-worker";
    static final String ATTEMPT_HEADER = "x-couponbook-attempt";
    static final String FAILURE_HEADER = "x-couponbook-failure";
    /** Rounds of replacing codes that other books took meanwhile; each round claims the rest of the chunk again. */
    private static final int CLAIM_ROUNDS = 10;

    private static final Logger log = LoggerFactory.getLogger(ChunkWorker.class);

    private final CommandGateway commands;
    private final ConfirmedSender sender;
    private final ChunkQueues queues;
    private final ObjectMapper json;
    private final int maxAttempts;
    // One generator per listener thread: a BlockRandom is not thread-safe, and SecureRandom serialises its callers.
    private final ThreadLocal<BlockRandom> random = ThreadLocal.withInitial(() -> new BlockRandom(new SecureRandom()));

    public ChunkWorker(CommandGateway commands, ConfirmedSender sender, ChunkQueues queues, ObjectMapper json,
                       GenerationSettings settings) {
        this.commands = commands;
        this.sender = sender;
        this.queues = queues;
        this.json = json;
        this.maxAttempts = settings.maxAttempts();
    }

    @RabbitListener(id = LISTENER_ID, queues = "#{@chunkQueues.chunks()}", containerFactory = WorkerConfiguration.FACTORY)
    public void onChunk(Message message, Channel channel) throws IOException {
        long tag = message.getMessageProperties().getDeliveryTag();
        try {
            handle(message);
        } catch (RuntimeException e) {
            log.warn("Chunk message could not be recorded, re-queued or dead-lettered; the broker redelivers it: {}",
                    e.toString());
            channel.basicNack(tag, false, true);
            return;
        }
        channel.basicAck(tag, false);
    }

    /** Records the chunk, re-queues it for another attempt, or dead-letters it; throws only when the broker is unreachable. */
    void handle(Message message) {
        ChunkOrder order;
        try {
            order = json.readValue(message.getBody(), ChunkOrder.class);
        } catch (IOException e) {
            deadLetter(message, "unreadable chunk message: " + e.getMessage());
            return;
        }
        if (!order.complete()) {
            deadLetter(message, "chunk message lacks fields: " + order);
            return;
        }
        try {
            record(order);
        } catch (ChunkCodes.PatternExhausted e) {
            giveUp(message, order, e.getMessage());
        } catch (RuntimeException e) {
            DomainException refusal = Causes.refusal(e).orElse(null);
            if (refusal != null) {
                giveUp(message, order, "chunk " + order.chunkNo() + " refused: " + refusal.getMessage());
                return;
            }
            int attempt = attempt(message) + 1;
            if (attempt >= maxAttempts) {
                giveUp(message, order, "chunk " + order.chunkNo() + " failed " + attempt + " times, last: " + e);
                return;
            }
            log.info("Chunk {} of job {} failed (attempt {}), queued again: {}", order.chunkNo(), order.jobId(),
                    attempt, e.toString());
            sender.send(queues.chunks(), List.of(copy(message, ATTEMPT_HEADER, attempt)));
        }
    }

    private void record(ChunkOrder order) {
        CodePattern pattern = CodePattern.parse(order.pattern());
        List<String> codes = ChunkCodes.draw(pattern, order.size(), random.get());
        for (int round = 0; round < CLAIM_ROUNDS; round++) {
            List<String> refused = commands.sendAndWait(
                    new RecordGeneratedCodes(order.bookId(), order.jobId(), order.chunkNo(), codes));
            if (refused == null || refused.isEmpty()) {
                return;
            }
            codes = ChunkCodes.replace(codes, refused, order.size(), pattern, random.get());
        }
        throw new ChunkCodes.PatternExhausted("chunk " + order.chunkNo() + " kept meeting codes taken elsewhere after "
                + CLAIM_ROUNDS + " rounds");
    }

    private void giveUp(Message message, ChunkOrder order, String reason) {
        deadLetter(message, reason);
        try {
            commands.sendAndWait(new FailCodeGeneration(order.bookId(), order.jobId(), reason));
        } catch (RuntimeException e) {
            log.warn("Generation job {} could not be failed after its chunk {} was dead-lettered: {}", order.jobId(),
                    order.chunkNo(), e.toString());
        }
    }

    private void deadLetter(Message message, String reason) {
        log.warn("Dead-lettering a chunk message: {}", reason);
        sender.send(queues.deadLetters(), List.of(copy(message, FAILURE_HEADER, reason)));
    }

    private static int attempt(Message message) {
        Object attempt = message.getMessageProperties().getHeader(ATTEMPT_HEADER);
        return attempt instanceof Number number ? number.intValue() : 0;
    }

    private static Message copy(Message message, String header, Object value) {
        MessageProperties original = message.getMessageProperties();
        MessageProperties properties = new MessageProperties();
        properties.setContentType(original.getContentType());
        properties.setDeliveryMode(original.getDeliveryMode());
        properties.setMessageId(original.getMessageId());
        original.getHeaders().forEach(properties::setHeader);
        properties.setHeader(header, value);
        return new Message(message.getBody(), properties);
    }
}
