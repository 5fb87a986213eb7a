package dev.couponbook.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.error.DomainException;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What readers need to know about a read model's freshness: whether it is being rebuilt, and
 * waiting until it has processed every event stored before a request (read-your-writes).
 */
@Component
public class ReadModelStatus {

    private static final EventEntryConfiguration EVENTS = EventEntryConfiguration.getDefault();
    private static final long POLL_MILLIS = 10;

    private final EventProcessingConfiguration processing;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    /**
     * The event store's look-back window: how late an event may become visible and still reach
     * the processors, so a read must wait for every event stored that long before the newest.
     */
    private final Duration lookBack;
    private final Map<String, Optional<MongoTrackingToken>> replayTargets = new ConcurrentHashMap<>();
    private final Set<String> finishedReplays = ConcurrentHashMap.newKeySet();

    public ReadModelStatus(EventProcessingConfiguration processing, MongoTemplate axonMongoTemplate, Serializer serializer,
                           @Value("${couponbook.events.look-back:10s}") Duration lookBack) {
        this.processing = processing;
        this.events = axonMongoTemplate.eventCollection();
        this.tokens = axonMongoTemplate.trackingTokensCollection();
        this.serializer = serializer;
        this.lookBack = lookBack;
    }

    /**
     * Marks a read model as being rebuilt, from the moment its old data is cleared until its
     * processor has read every event that was stored when the replay began. Axon's own replay
     * flag stays up until an event newer than the reset arrives, which in a quiet store may be
     * long after the read model is complete.
     */
    public void resetStarted(String processingGroup) {
        MongoTrackingToken storedAtReset = newestStoredEvents();
        finishedReplays.remove(processingGroup);
        replayTargets.put(processingGroup, Optional.ofNullable(storedAtReset));
    }

    /** Whether the read model is being rebuilt, so answers from it may be incomplete. */
    public boolean rebuilding(String processingGroup) {
        Optional<MongoTrackingToken> target = replayTargets.get(processingGroup);
        if (target != null) {
            if (!covers(processingGroup, target.orElse(null))) {
                return true;
            }
            finishedReplays.add(processingGroup);
            replayTargets.remove(processingGroup, target);
        }
        if (finishedReplays.contains(processingGroup)) {
            return false;
        }
        return processor(processingGroup)
                .map(processor -> processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying))
                .orElse(false);
    }

    /**
     * Waits until the read model has handled every event that was stored when this call started,
     * so a client that got a 2xx for its write sees that write. Throws a 503 refusal when
     * {@code timeout} passes first.
     */
    public void awaitCaughtUp(String processingGroup, Duration timeout) {
        if (timeout.isZero()) {
            return;
        }
        MongoTrackingToken stored = newestStoredEvents();
        if (stored == null) {
            return;
        }
        Instant deadline = Instant.now().plus(timeout);
        while (!covers(processingGroup, stored)) {
            if (Instant.now().isAfter(deadline)) {
                throw new DomainException(DomainException.Kind.UNAVAILABLE, "READ_MODEL_BEHIND",
                        "the " + processingGroup + " read model has not yet processed all stored events; retry or wait longer");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DomainException(DomainException.Kind.UNAVAILABLE, "READ_MODEL_BEHIND", "interrupted while waiting");
            }
        }
    }

    /**
     * Whether every segment has read past {@code stored}; null stands for an empty store. When
     * other instances hold the segments, their progress is read from the token store.
     */
    private boolean covers(String processingGroup, MongoTrackingToken stored) {
        Optional<StreamingEventProcessor> processor = processor(processingGroup);
        if (processor.isEmpty()) {
            return true;
        }
        if (!processor.get().isRunning()) {
            return false;
        }
        Collection<EventTrackerStatus> segments = processor.get().processingStatus().values();
        List<TrackingToken> positions = segments.isEmpty() ? storedPositions(processingGroup)
                : segments.stream().map(EventTrackerStatus::getTrackingToken).toList();
        return !positions.isEmpty() && positions.stream().allMatch(position -> {
            TrackingToken token = WrappedToken.unwrapLowerBound(position);
            return stored == null || (token != null && token.covers(stored));
        });
    }

    private List<TrackingToken> storedPositions(String processingGroup) {
        List<TrackingToken> positions = new ArrayList<>();
        tokens.find(Filters.eq("processorName", processingGroup)).forEach(segment -> {
            Object data = segment.get("token");
            String type = segment.getString("tokenType");
            positions.add(data instanceof Binary binary && type != null
                    ? serializer.deserialize(new SimpleSerializedObject<>(binary.getData(), byte[].class, type, null))
                    : null);
        });
        return positions;
    }

    /** A token naming the newest stored event and every event stored within the look-back window before it. */
    private MongoTrackingToken newestStoredEvents() {
        Document newest = events.find()
                .sort(Sorts.descending(EVENTS.timestampProperty(), EVENTS.sequenceNumberProperty()))
                .projection(Projections.include(EVENTS.timestampProperty()))
                .limit(1)
                .first();
        if (newest == null) {
            return null;
        }
        Instant newestAt = DateTimeUtils.parseInstant(newest.getString(EVENTS.timestampProperty()));
        Map<String, Long> recent = new HashMap<>();
        events.find(Filters.gte(EVENTS.timestampProperty(), DateTimeUtils.formatInstant(newestAt.minus(lookBack))))
                .projection(Projections.include(EVENTS.timestampProperty(), EVENTS.eventIdentifierProperty()))
                .forEach(event -> recent.put(event.getString(EVENTS.eventIdentifierProperty()),
                        DateTimeUtils.parseInstant(event.getString(EVENTS.timestampProperty())).toEpochMilli()));
        return MongoTrackingToken.of(newestAt, recent);
    }

    private Optional<StreamingEventProcessor> processor(String processingGroup) {
        return processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
    }
}
