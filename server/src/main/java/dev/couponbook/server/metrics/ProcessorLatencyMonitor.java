package dev.couponbook.server.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The gauge of Axon's {@code EventProcessorLatencyMonitor} for one event processor, same name and
 * tags: how long before it was offered to the processor the last event was published. Axon's
 * parses every offered event's stored timestamp and looks its gauge up in the registry, for every
 * event and processor, handled or not: a twentieth of a replay's CPU. This one registers its gauge
 * once and keeps the last event with the time it came; the gauge works the latency out when read.
 */
final class ProcessorLatencyMonitor implements MessageMonitor<Message<?>> {

    private record Offered(EventMessage<?> event, long atMillis) {
    }

    private final Clock clock;
    private final AtomicReference<Offered> last = new AtomicReference<>();

    ProcessorLatencyMonitor(MeterRegistry registry, String processorName) {
        this.clock = registry.config().clock();
        Gauge.builder(ProcessorMessageMonitor.PREFIX + ".latency", last, ProcessorLatencyMonitor::latencyMillis)
                .tags(Tags.of(ProcessorMessageMonitor.PROCESSOR_NAME, processorName))
                .register(registry);
    }

    /** Not a number until the processor is offered its first event, as Axon's gauge does not exist until then. */
    private static double latencyMillis(AtomicReference<Offered> last) {
        Offered offered = last.get();
        return offered == null ? Double.NaN : offered.atMillis() - offered.event().getTimestamp().toEpochMilli();
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        if (message instanceof EventMessage<?> event) {
            last.set(new Offered(event, clock.wallTime()));
        }
        return NoOpMessageMonitorCallback.INSTANCE;
    }
}
