package dev.couponbook.server.metrics;

import dev.couponbook.query.generation.GenerationJobQueries;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.function.Function;

/**
 * Keeps a scrape small and cheap, and adds the gauges operators asked for. Axon's message timers
 * publish six client-side percentiles per timer and payload type, each backed by rotating
 * HdrHistograms (a scrape was 816 KB after 13 events, and the histograms threw an
 * {@code ArrayIndexOutOfBoundsException} internally several times per request): they keep their
 * count, sum and max, which Prometheus turns into rates and averages. And they count per
 * processor, without the payload-type tag that multiplied every series by the number of event types.
 */
@Configuration(proxyBeanMethods = false)
public class MetricLimits {

    /** Meter name prefixes of axon-micrometer. */
    static final List<String> AXON_PREFIXES = List.of("eventProcessor", "commandBus", "eventBus", "eventStore", "queryBus",
            "commandHandling", "eventHandling", "queryHandling", "deadline", "saga");

    /**
     * Axon's monitors for the event processors only (capacity, latency, handled and failed
     * messages, which the lag gauge and the alerts use). The command bus, event bus and event
     * store monitors looked their timers and counters up in the registry for every message, a
     * tenth of an assignment's CPU, for figures the HTTP timers already give per endpoint
     * ({@code axon.metrics.auto-configuration.enabled} is off so that these replace Axon's own).
     */
    @Bean
    ConfigurerModule eventProcessorMonitors(GlobalMetricRegistry metrics) {
        return configurer -> configurer.configureMessageMonitor(configuration -> (componentType, componentName) ->
                EventProcessor.class.isAssignableFrom(componentType) ? monitor(metrics, componentName)
                        : NoOpMessageMonitor.instance());
    }

    /**
     * The meters of Axon's {@code registerComponentWithDefaultTags} for a processor, with its
     * counters, timers and latency gauge registered once ({@link ProcessorMessageMonitor},
     * {@link ProcessorLatencyMonitor}). The capacity monitor
     * keeps one window per processor: Axon's kept one per payload type behind a single gauge
     * (the payload-type tag is dropped), so the gauge showed only the first type's share.
     */
    static MessageMonitor<Message<?>> monitor(GlobalMetricRegistry metrics, String name) {
        MeterRegistry registry = metrics.getRegistry();
        Function<Message<?>, Iterable<Tag>> processor = message -> Tags.of(ProcessorMessageMonitor.PROCESSOR_NAME, name);
        return new MultiMessageMonitor<>(List.of(new ProcessorMessageMonitor(registry, name),
                CapacityMonitor.buildMonitor(ProcessorMessageMonitor.PREFIX, registry, processor),
                new ProcessorLatencyMonitor(registry, name)));
    }

    @Bean
    MeterFilter noClientSidePercentilesForAxon() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!axon(id)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentiles(new double[0]).percentilesHistogram(false)
                        .build().merge(config);
            }
        };
    }

    /** Per processor, not per processor and payload type: 12 series per metric instead of one per pair. */
    @Bean
    MeterFilter noPayloadTypeTags() {
        return MeterFilter.ignoreTags("payloadType");
    }

    /**
     * {@code couponbook_read_model_lag_seconds{processor}}: Axon's latency gauge (milliseconds)
     * in seconds, Prometheus' base unit; {@code couponbook_generation_codes_remaining}: codes that
     * running and pending jobs have still to record.
     */
    @Bean
    SmartInitializingSingleton conventionalGauges(MeterRegistry registry, ObjectProvider<GenerationJobQueries> jobs) {
        return () -> {
            for (String processor : ReadModelProcessing.PROJECTIONS) {
                Gauge.builder("couponbook.read.model.lag", registry, meters -> lagSeconds(meters, processor))
                        .tag("processor", processor).baseUnit("seconds")
                        .description("how far the read model is behind the event stream").register(registry);
            }
            GenerationJobQueries queries = jobs.getIfAvailable();
            if (queries != null) {
                Gauge.builder("couponbook.generation.codes.remaining", queries, GenerationJobQueries::codesStillToGenerate)
                        .description("codes that pending and running generation jobs have still to record").register(registry);
            }
        };
    }

    private static double lagSeconds(MeterRegistry meters, String processor) {
        Gauge latency = meters.find("eventProcessor.latency").tag("processorName", processor).gauge();
        return latency == null ? Double.NaN : latency.value() / 1000;
    }

    private static boolean axon(Meter.Id id) {
        return AXON_PREFIXES.stream().anyMatch(id.getName()::startsWith);
    }
}
