package dev.couponbook.server.deadletter;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Gives every tracking projection a dead-letter queue in MongoDB (axon-mongo's
 * {@link MongoSequencedDeadLetterQueue}): an event whose handler throws is parked, together with
 * the later events of the same aggregate so their order is kept, and the processor moves on
 * instead of stalling every read model behind one bad event. {@link DeadLetterRetrier} retries
 * parked events with a growing delay; ADMIN sees and retries them through the API. Sagas and
 * the subscribing metrics processor are left out: Axon dead-letters only event handlers.
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);
    static final String RETRIES = "retries";

    @Autowired
    void deadLetterQueues(EventProcessingConfigurer processing, MongoTemplate axonMongoTemplate, Serializer serializer) {
        processing.registerDeadLetterQueueProvider(group -> parksDeadLetters(group)
                ? configuration -> MongoSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(serializer)
                        .transactionManager(configuration.getComponent(TransactionManager.class))
                        .build()
                : null);
        processing.registerDefaultDeadLetterPolicy(configuration -> countingRetries());
    }

    static boolean parksDeadLetters(String processingGroup) {
        return !processingGroup.endsWith("SagaProcessor") && !processingGroup.equals("domain-metrics");
    }

    /** Parks every failure, counting attempts in the letter's diagnostics for the back-off. */
    private static EnqueuePolicy<EventMessage<?>> countingRetries() {
        return (letter, cause) -> {
            log.warn("Parked event {} ({}) as a dead letter: {}", letter.message().getIdentifier(),
                    letter.message().getPayloadType().getSimpleName(), cause.toString());
            return Decisions.enqueue(cause, parked -> parked.diagnostics()
                    .and(RETRIES, retries(parked.diagnostics().get(RETRIES)) + 1));
        };
    }

    static int retries(Object value) {
        return value instanceof Number number ? number.intValue() : 0;
    }
}
