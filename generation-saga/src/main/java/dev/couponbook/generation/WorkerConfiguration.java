package dev.couponbook.generation;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.annotation.Value;
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
            ConnectionFactory connections,
            @Value("${couponbook.generation.worker-concurrency:2}") int concurrency,
            @Value("${couponbook.generation.worker-prefetch:4}") int prefetch) {
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
