package dev.couponbook.server.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The counters and timers of Axon's {@code MessageCountingMonitor} and {@code MessageTimerMonitor}
 * for one event processor, same names and tags, registered once. Axon's own look up five counters
 * and four timers in the registry for every message a processor is offered, handled or not: with
 * six read models replaying, that was a third of the processors' CPU. Their only per-message tag,
 * the payload type, is dropped by {@link MetricLimits#noPayloadTypeTags()} anyway, so one set of
 * meters per processor counts exactly what theirs did.
 */
final class ProcessorMessageMonitor implements MessageMonitor<Message<?>> {

    static final String PREFIX = "eventProcessor";
    static final String PROCESSOR_NAME = "processorName";

    private final Clock clock;
    private final Counter ingested;
    private final Counter success;
    private final Counter failure;
    private final Counter processed;
    private final Counter ignored;
    private final Timer allTimer;
    private final Timer successTimer;
    private final Timer failureTimer;
    private final Timer ignoredTimer;

    ProcessorMessageMonitor(MeterRegistry registry, String processorName) {
        Tags tags = Tags.of(PROCESSOR_NAME, processorName);
        this.clock = registry.config().clock();
        this.ingested = registry.counter(PREFIX + ".ingestedCounter", tags);
        this.success = registry.counter(PREFIX + ".successCounter", tags);
        this.failure = registry.counter(PREFIX + ".failureCounter", tags);
        this.processed = registry.counter(PREFIX + ".processedCounter", tags);
        this.ignored = registry.counter(PREFIX + ".ignoredCounter", tags);
        this.allTimer = timer(registry, "allTimer", tags);
        this.successTimer = timer(registry, "successTimer", tags);
        this.failureTimer = timer(registry, "failureTimer", tags);
        this.ignoredTimer = timer(registry, "ignoredTimer", tags);
    }

    /** As Axon builds its timers; {@link MetricLimits} then drops the client-side percentiles. */
    private static Timer timer(MeterRegistry registry, String name, Tags tags) {
        return Timer.builder(PREFIX + "." + name)
                .distributionStatisticExpiry(Duration.ofMinutes(10))
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                .tags(tags)
                .register(registry);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                processed.increment();
                success.increment();
                record(successTimer);
            }

            @Override
            public void reportFailure(Throwable cause) {
                processed.increment();
                failure.increment();
                record(failureTimer);
            }

            @Override
            public void reportIgnored() {
                ignored.increment();
                record(ignoredTimer);
            }

            private void record(Timer outcome) {
                long nanos = clock.monotonicTime() - start;
                allTimer.record(nanos, TimeUnit.NANOSECONDS);
                outcome.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }
}
