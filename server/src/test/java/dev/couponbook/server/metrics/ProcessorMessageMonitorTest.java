package dev.couponbook.server.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
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

    @Test
    void canGaugeTheLatencyOfTheLastEventOfferedAsAxonsMonitorDoes() {
        MockClock clock = new MockClock();
        MeterRegistry axons = registry(clock);
        MeterRegistry ours = registry(clock);
        MessageMonitor<EventMessage<?>> axon = EventProcessorLatencyMonitor.builder().meterNamePrefix("eventProcessor")
                .meterRegistry(axons).clock(clock).tagsBuilder(message -> Tags.of("processorName", PROCESSOR)).build();
        MessageMonitor<Message<?>> cached = MetricLimits.monitor(new GlobalMetricRegistry(ours), PROCESSOR);
        assertThat(latency(ours)).as("before the first event").isNaN();
        Instant now = Instant.ofEpochMilli(clock.wallTime());

        for (Instant published : List.of(now.minusMillis(900), now.minusSeconds(30), now.minusMillis(40))) {
            EventMessage<?> event = new GenericEventMessage<>(new GenericMessage<>("payload"), () -> published);
            axon.onMessageIngested(event).reportSuccess();
            cached.onMessageIngested(event).reportSuccess();
            assertThat(latency(ours)).isEqualTo(latency(axons));
            clock.add(Duration.ofMillis(5));
        }

        assertThat(latency(ours)).as("the last event's latency when it was offered, not growing after").isEqualTo(50.0);
    }

    private static double latency(MeterRegistry registry) {
        return registry.get("eventProcessor.latency").tag("processorName", PROCESSOR).gauge().value();
    }

    private static EventMessage<?> event(Object payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    /** A registry with the service's filters: no payload-type tag, no client-side percentiles. */
    private static MeterRegistry registry() {
        return registry(Clock.SYSTEM);
    }

    private static MeterRegistry registry(Clock clock) {
        MetricLimits limits = new MetricLimits();
        SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
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
