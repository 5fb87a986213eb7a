package dev.couponbook.server.embedded;

import dev.couponbook.command.NamespaceProperties;
import dev.couponbook.generation.ChunkQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * A namespace made for one run ({@code couponbook.namespace-per-run} without a namespace given,
 * as tests and benchmarks use) lives as long as the run: at shutdown its Redis keys and its durable queues are deleted,
 * so runs against shared servers leave nothing behind. It runs when the context starts closing,
 * before the connections stop.
 */
@Component
@ConditionalOnProperty(name = RunNamespaceCleanup.OWNED, havingValue = "true")
class RunNamespaceCleanup {

    /** Set by {@link EmbeddedInfrastructure} when it made the namespace for this run. */
    static final String OWNED = "couponbook.namespace-owned-by-run";

    private static final Logger log = LoggerFactory.getLogger(RunNamespaceCleanup.class);

    private final String namespace;
    private final StringRedisTemplate redis;
    private final AmqpAdmin amqp;
    private final ObjectProvider<ChunkQueues> queues;
    private final ApplicationContext context;

    RunNamespaceCleanup(NamespaceProperties settings, StringRedisTemplate redis, AmqpAdmin amqp,
                        ObjectProvider<ChunkQueues> queues, ApplicationContext context) {
        this.namespace = settings.namespace();
        this.redis = redis;
        this.amqp = amqp;
        this.queues = queues;
        this.context = context;
    }

    @EventListener
    void on(ContextClosedEvent closing) {
        if (closing.getApplicationContext() != context) {
            return; // the management child context
        }
        try {
            List<String> keys = new ArrayList<>();
            try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(namespace + ":*").count(1000).build())) {
                cursor.forEachRemaining(keys::add);
            }
            if (!keys.isEmpty()) {
                redis.delete(keys);
            }
        } catch (RuntimeException e) {
            log.warn("Redis keys of namespace {} stay: {}", namespace, e.toString());
        }
        ChunkQueues chunkQueues = queues.getIfAvailable();
        if (chunkQueues != null) {
            try {
                amqp.deleteQueue(chunkQueues.chunks());
                amqp.deleteQueue(chunkQueues.deadLetters());
            } catch (RuntimeException e) {
                log.warn("Queues of namespace {} stay: {}", namespace, e.toString());
            }
        }
    }
}
