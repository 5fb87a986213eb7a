package dev.couponbook.server.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * Shares tracking-processor segments fairly between instances. Axon lets the first instance
 * claim every segment and never rebalances by itself; here each instance announces itself in
 * {@code instances} every few seconds, and one holding more than its fair share of a processor's
 * segments releases one for a while so that another instance can claim it.
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);
    private static final Duration ALIVE = Duration.ofSeconds(15);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final MongoCollection<Document> instances;
    private final NodeId nodeId;
    private final Clock clock;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokens, MongoTemplate mongo,
                           NodeId nodeId, Clock clock) {
        this.processing = processing;
        this.tokens = tokens;
        this.instances = mongo.getCollection("instances");
        this.instances.createIndex(Indexes.ascending("lastSeen"), new IndexOptions().name("lastSeen"));
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${couponbook.processing.balance-interval:5s}")
    void balance() {
        Instant now = clock.instant();
        instances.replaceOne(Filters.eq("_id", nodeId.value()), new Document("_id", nodeId.value())
                .append("lastSeen", Date.from(now)), new ReplaceOptions().upsert(true));
        long alive = Math.max(1, instances.countDocuments(Filters.gt("lastSeen", Date.from(now.minus(ALIVE)))));
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof TrackingEventProcessor tracking && tracking.isRunning()) {
                int total = tokens.fetchSegments(tracking.getName()).length;
                int fairShare = (int) Math.ceil(total / (double) alive);
                var held = tracking.processingStatus().keySet();
                if (held.size() > fairShare) {
                    int segment = held.iterator().next();
                    log.info("Releasing segment {} of {}: {} instances share {} segments", segment, name, alive, total);
                    tracking.releaseSegment(segment, ALIVE.toSeconds() * 2, TimeUnit.SECONDS);
                }
            }
        });
    }
}
