package dev.couponbook.server.axon;

import dev.couponbook.command.EventProcessors;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Threads, segments, batches and starting point of every tracking processor, in one place
 * ({@link EventProcessingProperties}); which handlers form a processor, and how they treat
 * errors and dead letters, stays with the handlers' modules.
 * <ul>
 * <li>By default a processor splits its stream into {@code couponbook.processing.segments}
 * segments with as many threads: one instance processes them all, several instances share them
 * (see {@link SegmentBalancer}). Each segment goes through the whole stream (segments of one
 * instance catching up share their reads, see {@link RecentEventReads}), so a single instance is
 * best served by one; deployments of several instances set more. Up to
 * {@code couponbook.processing.batch-size} events that are already there share one unit of work
 * and one token update. The handlers are idempotent, so a batch that fails part-way is simply
 * handled again.</li>
 * <li>The read models take larger batches ({@code couponbook.read-models.batch-size}), and a new
 * one starts from the plain tail token, not Axon's default replay token: no handler tells
 * replayed events apart.</li>
 * <li>The command side's own processors run one segment on one thread: the pool rebuild resets
 * its processor's tokens, which needs every segment claimed by the one instance.</li>
 * </ul>
 * A processor that an instance's roles do not run ignores its entry here.
 */
@Configuration(proxyBeanMethods = false)
public class EventProcessing {

    @Autowired
    void trackingProcessors(EventProcessingConfigurer processing, EventProcessingProperties settings) {
        EventProcessingProperties.Processing shared = settings.processing();
        processing.registerTrackingEventProcessorConfiguration(config -> parallel(shared.segments())
                .andBatchSize(shared.batchSize()));
        ReadModelProcessing.PROJECTIONS.forEach(group -> processing.registerTrackingEventProcessorConfiguration(group,
                config -> parallel(shared.segments()).andBatchSize(settings.readModels().batchSize())
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken)));
        EventProcessors.TRACKING.forEach(group -> processing.registerTrackingEventProcessorConfiguration(group,
                config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(shared.batchSize())));
    }

    private static TrackingEventProcessorConfiguration parallel(int segments) {
        return TrackingEventProcessorConfiguration.forParallelProcessing(segments).andInitialSegmentsCount(segments);
    }
}
