package dev.couponbook.generation;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The durable queues of code generation, named under {@code couponbook.namespace}. Dead letters are
 * moved by the worker itself: the embedded broker rejects {@code x-dead-letter-exchange}, and the
 * same code then runs on RabbitMQ.
 */
@Configuration(proxyBeanMethods = false)
public class ChunkQueues {

    private final String namespace;

    public ChunkQueues(NamespaceProperties settings) {
        this.namespace = settings.namespace();
    }

    /** Chunks waiting for a worker. */
    public String chunks() {
        return namespace + ".generation.chunks";
    }

    /** Chunks given up on, kept with the reason for an operator to inspect. */
    public String deadLetters() {
        return namespace + ".generation.chunks.dead";
    }

    @Bean
    Declarables generationQueues() {
        return new Declarables(QueueBuilder.durable(chunks()).build(), QueueBuilder.durable(deadLetters()).build());
    }
}
