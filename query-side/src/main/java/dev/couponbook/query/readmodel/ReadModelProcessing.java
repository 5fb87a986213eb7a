package dev.couponbook.query.readmodel;

import dev.couponbook.query.code.BookCodeProjection;
import dev.couponbook.query.couponbook.CouponBookProjection;
import dev.couponbook.query.generation.GenerationJobProjection;
import dev.couponbook.query.stats.BookStatsProjection;
import dev.couponbook.query.transaction.TransactionProjection;
import dev.couponbook.query.usercoupon.UserCouponProjection;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * How the read-model processors handle events: they retry a failed batch instead of logging and
 * skipping it, and send a batch's read-model writes once, after its last event (one bulk write per
 * collection per batch, which with large batches is what makes a full replay fast). Where a
 * dead-letter queue is configured, the invoker remembers which sequences have no parked letter
 * instead of asking the queue for every event, which was a third of a replay's time. Segments,
 * batch size and starting token are set with every other processor's, in the server's
 * {@code EventProcessing}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelProcessing {

    /** The processing groups of the read models, each replayable on its own. */
    public static final List<String> PROJECTIONS = List.of(CouponBookProjection.PROCESSING_GROUP,
            UserCouponProjection.PROCESSING_GROUP, TransactionProjection.PROCESSING_GROUP,
            BookStatsProjection.PROCESSING_GROUP, BookCodeProjection.PROCESSING_GROUP,
            GenerationJobProjection.PROCESSING_GROUP);

    @Bean
    ConfigurerModule readModelProcessors() {
        return configurer -> configurer.eventProcessing(processing -> PROJECTIONS.forEach(group -> processing
                .registerListenerInvocationErrorHandler(group, config -> PropagatingErrorHandler.instance())
                .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (config, invoker) -> invoker.enableSequenceIdentifierCache())
                .registerHandlerInterceptor(group, config -> flushAtEndOfBatch())));
    }

    /** Sends the batch's read-model writes after its last event, before the processor stores its token. */
    public static MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                ReadModelBatch.flushIfStarted(unitOfWork);
            }
            return result;
        };
    }
}
