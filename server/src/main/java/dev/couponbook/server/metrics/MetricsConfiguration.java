package dev.couponbook.server.metrics;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Runs the domain counters in a subscribing processor: they count this instance's live events only. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Autowired
    void subscribeDomainMetrics(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(DomainMetrics.PROCESSING_GROUP);
    }
}
