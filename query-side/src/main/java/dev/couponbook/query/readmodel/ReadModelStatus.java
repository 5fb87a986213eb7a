package dev.couponbook.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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

    /** The field the event store numbers events by (the server's GlobalIndexStorageStrategy). */
    private static final String GLOBAL_INDEX = "globalIndex";
    private static final long POLL_MILLIS = 10;

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final MongoCollection<Document> events;
    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final Map<String, StoredEvents> replayTargets = new ConcurrentHashMap<>();
    private final Set<String> finishedReplays = ConcurrentHashMap.newKeySet();

    public ReadModelStatus(EventProcessingConfiguration processing, EventStorageEngine storage,
                           MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.processing = processing;
        this.storage = storage;
        this.events = axonMongoTemplate.eventCollection();
        this.tokens = axonMongoTemplate.trackingTokensCollection();
        this.serializer = serializer;
    }

    /**
     * Marks a read model as being rebuilt, from the moment its old data is cleared until its
     * processor has read every event that was stored when the replay began. Axon's own replay
     * flag stays up until an event newer than the reset arrives, which in a quiet store may be
     * long after the read model is complete.
     */
    public void resetStarted(String processingGroup) {
        StoredEvents storedAtReset = storedNow();
        finishedReplays.remove(processingGroup);
        replayTargets.put(processingGroup, storedAtReset);
    }

    /** Whether the read model is being rebuilt, so answers from it may be incomplete. */
    public boolean rebuilding(String processingGroup) {
        StoredEvents target = replayTargets.get(processingGroup);
        if (target != null) {
            if (!covers(processingGroup, target)) {
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
        StoredEvents stored = storedNow();
        Instant deadline = Instant.now().plus(timeout);
        while (!covers(processingGroup, stored)) {
            if (Instant.now().isAfter(deadline)) {
                throw new DomainException(Refusal.READ_MODEL_BEHIND,
                        "the " + processingGroup + " read model has not yet processed all stored events; retry or wait longer");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DomainException(Refusal.READ_MODEL_BEHIND, "interrupted while waiting");
            }
        }
    }

    /**
     * Whether every segment has read all of {@code stored}. When other instances hold the
     * segments, their progress is read from the token store.
     */
    private boolean covers(String processingGroup, StoredEvents stored) {
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
        return !positions.isEmpty()
                && positions.stream().allMatch(position -> stored.coveredBy(WrappedToken.unwrapLowerBound(position)));
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

    private StoredEvents storedNow() {
        return new StoredEvents(storage.createHeadToken().position().orElse(0));
    }

    private Optional<StreamingEventProcessor> processor(String processingGroup) {
        return processing.eventProcessor(processingGroup, StreamingEventProcessor.class);
    }

    /**
     * The events stored at one moment: every index up to the newest visible one, except those
     * never stored. A processor may still miss some of them (gaps in its token: appends that were
     * in flight when it read past them); only the gaps that are stored by the time it gets there
     * are waited for, so an append that failed (and left a gap for good) delays no read.
     */
    private final class StoredEvents {

        private final long newest;
        /** Per gap index asked about: whether its event is stored. */
        private final Map<Long, Boolean> stored = new ConcurrentHashMap<>();

        StoredEvents(long newest) {
            this.newest = newest;
        }

        /** A token of another kind (one stored before the global index, not yet converted) covers nothing. */
        boolean coveredBy(TrackingToken token) {
            if (token == null) {
                return newest == 0;
            }
            if (!(token instanceof GapAwareTrackingToken position) || position.getIndex() < newest) {
                return false;
            }
            Set<Long> missing = position.getGaps().headSet(newest + 1);
            List<Long> unknown = missing.stream().filter(gap -> !stored.containsKey(gap)).toList();
            if (!unknown.isEmpty()) {
                unknown.forEach(gap -> stored.put(gap, false));
                events.find(Filters.in(GLOBAL_INDEX, unknown)).projection(Projections.include(GLOBAL_INDEX))
                        .forEach(event -> stored.put(((Number) event.get(GLOBAL_INDEX)).longValue(), true));
            }
            return missing.stream().noneMatch(stored::get);
        }
    }
}
