package dev.couponbook.server.web;

import dev.couponbook.messages.MetaDataKeys;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Log lines written while an event processor (projections, sagas, workers' handlers) handles an
 * event carry the correlation id of the request that caused it, as request threads' lines do
 * ({@link CorrelationIdFilter}), so one checkout can be followed off the request thread too.
 */
@Configuration(proxyBeanMethods = false)
public class MessageCorrelationIds {

    @Autowired
    void onEveryProcessor(EventProcessingConfigurer processing) {
        processing.registerDefaultHandlerInterceptor((configuration, processor) -> correlationIdInLogs());
    }

    static MessageHandlerInterceptor<EventMessage<?>> correlationIdInLogs() {
        return (unitOfWork, chain) -> {
            Object correlationId = unitOfWork.getMessage().getMetaData().get(MetaDataKeys.CORRELATION_ID);
            if (correlationId == null) {
                return chain.proceed();
            }
            String previous = MDC.get(CorrelationIdFilter.MDC_KEY);
            MDC.put(CorrelationIdFilter.MDC_KEY, correlationId.toString());
            try {
                return chain.proceed();
            } finally {
                if (previous == null) {
                    MDC.remove(CorrelationIdFilter.MDC_KEY);
                } else {
                    MDC.put(CorrelationIdFilter.MDC_KEY, previous);
                }
            }
        };
    }
}
