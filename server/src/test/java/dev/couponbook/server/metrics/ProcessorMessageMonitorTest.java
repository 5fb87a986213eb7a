package dev.couponbook.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The processors' monitors publish what Axon's default ones did: the same meters, counting the same. */
class ProcessorMessageMonitorTest {

    private static final String PROCESSOR = "user-coupons";

    @Test
    void canPublishTheSameMetersAndCountsAsAxonsOwnMonitors() {
        MeterRegistry axons = registry();
        MeterRegistry ours = registry();
        @SuppressWarnings("unchecked")
        MessageMonitor<Message<?>> axon = (MessageMonitor<Message<?>>) new GlobalMetricRegistry(axons)
                .registerComponentWithDefaultTags(TrackingEventProcessor.class, PROCESSOR);
        MessageMonitor<Message<?>> cached = MetricLimits.monitor(new GlobalMetricRegistry(ours), PROCESSOR);

        for (MessageMonitor<Message<?>> monitor : List.of(axon, cached)) {
            monitor.onMessageIngested(event("one")).reportSuccess();
            monitor.onMessageIngested(event(2)).reportSuccess();
            monitor.onMessageIngested(event("three")).reportFailure(new IllegalStateException("parked"));
            monitor.onMessageIngested(event(4L)).reportIgnored();
            monitor.onMessageIngested(event(5L)).reportIgnored();
        }

        assertThat(counts(ours)).isEqualTo(counts(axons));
        assertThat(counts(ours)).containsEntry("eventProcessor.ingestedCounter", 5.0)
                .containsEntry("eventProcessor.successCounter", 2.0)
                .containsEntry("eventProcessor.failureCounter", 1.0)
                .containsEntry("eventProcessor.processedCounter", 3.0)
                .containsEntry("eventProcessor.ignoredCounter", 2.0)
                .containsEntry("eventProcessor.allTimer", 5.0)
                .containsEntry("eventProcessor.ignoredTimer", 2.0);
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    /** A registry with the service's filters: no payload-type tag, no client-side percentiles. */
    private static MeterRegistry registry() {
        MetricLimits limits = new MetricLimits();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        registry.config().meterFilter(limits.noPayloadTypeTags()).meterFilter(limits.noClientSidePercentilesForAxon());
        return registry;
    }

    /** Every meter by name (and its tags, unless they are just the processor's name), with its count; a gauge counts 0. */
    private static Map<String, Double> counts(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            List<Tag> tags = meter.getId().getTags();
            String key = meter.getId().getName() + (tags.equals(List.of(Tag.of("processorName", PROCESSOR))) ? "" : tags.toString());
            double count = meter instanceof Counter counter ? counter.count() : meter instanceof Timer timer ? timer.count() : 0;
            counts.put(key, count);
        }
        return counts;
    }
}
