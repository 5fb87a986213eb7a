package dev.couponbook.generation;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's listener containers: manual acknowledgement (after the chunk is stored), a small
 * prefetch so a stopped worker strands few chunks and several workers share a job, and a fixed
 * number of consumers ({@code couponbook.generation.worker-concurrency}).
 */
@Configuration(proxyBeanMethods = false)
public class WorkerConfiguration {

    static final String FACTORY = "chunkListenerFactory";

    @Bean(FACTORY)
    SimpleRabbitListenerContainerFactory chunkListenerFactory(
            ConnectionFactory connections, GenerationSettings settings) {
        int concurrency = settings.workerConcurrency();
        int prefetch = settings.workerPrefetch();
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connections);
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        factory.setPrefetchCount(prefetch);
        factory.setConcurrentConsumers(concurrency);
        factory.setMaxConcurrentConsumers(concurrency);
        factory.setDefaultRequeueRejected(false);
        return factory;
    }
}
