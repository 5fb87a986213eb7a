package dev.couponbook.server.axon;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * axon-mongo's document per event, plus a global index that processors track instead of
 * timestamps. {@link #appendEvents} reserves one block of indexes per append with a single
 * {@code $inc} on a counter document that lives outside any transaction (inside one, every two
 * concurrent commands would conflict on it). So indexes are unique and increase, but an event may
 * become visible after events with higher indexes (its append still in flight), or never (the
 * append failed, e.g. a duplicate sequence number). Tokens are Axon's {@link GapAwareTrackingToken}s:
 * the highest index handled and the lower indexes not seen yet (gaps). A gap is read again on every
 * poll until it appears or {@code gap-timeout} has passed since it was first seen missing; its
 * size depends on concurrency and failed appends, never on the event rate.
 * <p>
 * A poll is two queries an index range scan answers: {@code globalIndex > i} in index order up to
 * the batch size (or a recent read of another reader covering it, {@link RecentEventReads}), and
 * {@code globalIndex $in gaps}. Gap fills come first in a batch, so a read from
 * a token sees the events that filled its gaps before any newer one.
 */
public class GlobalIndexStorageStrategy extends DocumentPerEventStorageStrategy {

    static final String GLOBAL_INDEX = "globalIndex";
    private static final String COUNTER = "globalIndex";
    private static final int DUPLICATE_KEY = 11000;
    private static final EventEntryConfiguration EVENTS = EventEntryConfiguration.getDefault();
    /** Before the first event: indexes start at 1. */
    private static final GapAwareTrackingToken TAIL = GapAwareTrackingToken.newInstance(0, List.of());
    private static final Duration CAP_WARNING_INTERVAL = Duration.ofMinutes(1);
    /** Events older than this many gap timeouts are history to a processor reading them (see {@link #advance}). */
    private static final int HISTORY_AFTER_TIMEOUTS = 6;
    private static final Logger log = LoggerFactory.getLogger(GlobalIndexStorageStrategy.class);

    private final MongoCollection<Document> counters;
    private final Duration gapTimeout;
    private final int maxGaps;
    private final Clock clock;
    private final RecentEventReads recentReads;
    /** When each open gap was first seen missing by a processor of this instance. */
    private final Map<Long, Instant> gapsFirstSeen = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.EPOCH;
    private volatile Instant nextCapWarning = Instant.EPOCH;

    /**
     * {@code counters} must not be bound to the unit of work's transaction: a reservation inside it
     * would make every two concurrent commands conflict on the counter. A reservation does not wait
     * for the journal: it is in the log before the insert that uses it, so the insert's durable
     * acknowledgement covers it, and a reservation lost in a crash lost its events too. Not waiting
     * takes one log sync off every append and shortens the time an index is a gap to one round trip.
     */
    public GlobalIndexStorageStrategy(MongoCollection<Document> counters, EventTrackingProperties settings,
                                      Clock clock) {
        super(EVENTS, settings.gapTimeout());
        this.counters = counters.withWriteConcern(counters.getWriteConcern().withJournal(false));
        this.gapTimeout = settings.gapTimeout();
        this.maxGaps = settings.maxGaps();
        this.clock = clock;
        this.recentReads = new RecentEventReads(settings.sharedReads(), settings.gapTimeout(),
                GlobalIndexStorageStrategy::indexOf);
    }

    @Override
    public void ensureIndexes(MongoCollection<Document> eventsCollection, MongoCollection<Document> snapshotsCollection) {
        super.ensureIndexes(eventsCollection, snapshotsCollection);
        // sparse: events stored before the global index existed lack it until GlobalIndexMigration has run
        eventsCollection.createIndex(Indexes.ascending(GLOBAL_INDEX),
                new IndexOptions().unique(true).sparse(true).name(GLOBAL_INDEX));
    }

    @Override
    public void appendEvents(MongoCollection<Document> eventCollection, List<? extends EventMessage<?>> events,
                             Serializer serializer) {
        List<Document> documents = createEventDocuments(events, serializer).toList();
        long first = reserve(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            documents.get(i).append(GLOBAL_INDEX, first + i);
        }
        eventCollection.insertMany(documents);
    }

    /** Reserves {@code count} consecutive indexes and returns the first of them. */
    long reserve(int count) {
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
        Document counter;
        try {
            counter = counters.findOneAndUpdate(Filters.eq("_id", COUNTER), Updates.inc("next", (long) count), upsert);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != DUPLICATE_KEY) {
                throw e;
            }
            // two first reservations raced to create the counter: it exists now
            counter = counters.findOneAndUpdate(Filters.eq("_id", COUNTER), Updates.inc("next", (long) count), upsert);
        }
        return ((Number) counter.get("next")).longValue() - count + 1;
    }

    @Override
    public List<? extends TrackedEventData<?>> findTrackedEvents(MongoCollection<Document> eventCollection,
                                                                 TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = withoutExpiredGaps(position(eventCollection, lastToken));
        List<Document> found = new ArrayList<>();
        if (token.hasGaps()) {
            eventCollection.find(Filters.in(GLOBAL_INDEX, token.getGaps())).sort(Sorts.ascending(GLOBAL_INDEX)).into(found);
        }
        Instant readAt = readRange(eventCollection, token.getIndex(), batchSize, found);
        Instant gapsWorthWaitingFor = readAt.minus(gapTimeout.multipliedBy(HISTORY_AFTER_TIMEOUTS));
        List<TrackedEventData<?>> events = new ArrayList<>(found.size());
        for (Document document : found) {
            EventEntry entry = new EventEntry(document, eventConfiguration());
            long index = indexOf(document);
            // only an event that skips indexes needs its age: parsing every timestamp was a quarter of a read
            token = index > token.getIndex() + 1 ? advance(token, index, entry.getTimestamp().isAfter(gapsWorthWaitingFor))
                    : advance(token, index, true);
            events.add(new TrackedDomainEventData<>(token, entry));
        }
        return events;
    }

    /**
     * Adds the events after {@code index} in index order, up to {@code batchSize}, and answers when
     * they were read: from a range another reader of this instance read, or from the store.
     */
    private Instant readRange(MongoCollection<Document> eventCollection, long index, int batchSize, List<Document> found) {
        String collection = eventCollection.getNamespace().getFullName();
        Instant readAt = clock.instant();
        Optional<RecentEventReads.Range> kept = recentReads.covering(collection, index, readAt);
        if (kept.isPresent()) {
            found.addAll(kept.get().after(index, batchSize));
            return kept.get().readAt();
        }
        List<Document> range = eventCollection.find(Filters.gt(GLOBAL_INDEX, index)).sort(Sorts.ascending(GLOBAL_INDEX))
                .limit(batchSize).into(new ArrayList<>(batchSize));
        if (range.size() == batchSize) {
            recentReads.keep(collection, index, range, readAt);
        }
        found.addAll(range);
        return readAt;
    }

    /** How many range reads of the stream were answered by a range another reader of this instance had read. */
    public long sharedReads() {
        return recentReads.shared();
    }

    /** How many range reads of the stream went to the store. */
    public long storeReads() {
        return recentReads.fromStore();
    }

    /**
     * The token after the event at {@code index}. Indexes skipped before a recent event become gaps;
     * before one of the history (a processor catching up) they belong to appends that failed long
     * ago. An event's timestamp is taken when its command starts, so "recent" reaches back several
     * gap timeouts: a command would have to run that long before its append to count as history.
     */
    private GapAwareTrackingToken advance(GapAwareTrackingToken token, long index, boolean recent) {
        if (index > token.getIndex() && !recent) {
            return GapAwareTrackingToken.newInstance(index, token.getGaps());
        }
        GapAwareTrackingToken from = index - token.getIndex() - 1 > maxGaps
                ? GapAwareTrackingToken.newInstance(index - maxGaps - 1, token.getGaps()) : token;
        if (index > from.getIndex() + 1) {
            Instant now = clock.instant();
            for (long gap = from.getIndex() + 1; gap < index; gap++) {
                gapsFirstSeen.putIfAbsent(gap, now);
            }
        }
        return capped(from.advanceTo(index, Integer.MAX_VALUE));
    }

    private GapAwareTrackingToken capped(GapAwareTrackingToken token) {
        int excess = token.getGaps().size() - maxGaps;
        if (excess <= 0) {
            return token;
        }
        Instant now = clock.instant();
        if (now.isAfter(nextCapWarning)) {
            nextCapWarning = now.plus(CAP_WARNING_INTERVAL);
            log.warn("A tracking token holds more than {} gaps (couponbook.events.max-gaps): the oldest are given up", maxGaps);
        }
        return token.withGapsTruncatedAt(token.getGaps().stream().skip(excess).findFirst().orElseThrow());
    }

    /** The token without the gaps first seen missing more than {@code gap-timeout} ago. */
    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        if (!token.hasGaps()) {
            return token;
        }
        Instant now = clock.instant();
        Instant expired = now.minus(gapTimeout);
        List<Long> open = new ArrayList<>(token.getGaps().size());
        for (Long gap : token.getGaps()) {
            if (gapsFirstSeen.computeIfAbsent(gap, missing -> now).isAfter(expired)) {
                open.add(gap);
            }
        }
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plus(gapTimeout);
            Instant forgotten = now.minus(gapTimeout.multipliedBy(2));
            gapsFirstSeen.values().removeIf(seen -> seen.isBefore(forgotten));
        }
        return open.size() == token.getGaps().size() ? token : GapAwareTrackingToken.newInstance(token.getIndex(), open);
    }

    /** A token of either form as a position in the global index; null is the start of the stream. */
    GapAwareTrackingToken position(MongoCollection<Document> eventCollection, TrackingToken token) {
        if (token == null) {
            return TAIL;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        if (token instanceof MongoTrackingToken legacy) {
            return fromLegacy(eventCollection, legacy);
        }
        throw new IllegalArgumentException("Token " + token + " is of the wrong type");
    }

    /**
     * A token of the timestamp-based tracking, taken over by delivering again every event from the
     * start of its look-back window (handlers are idempotent): those are the ones it may or may not
     * have seen. Stored events got their indexes in (timestamp, sequence) order, so the first of the
     * window in that order has the lowest index of it.
     */
    private GapAwareTrackingToken fromLegacy(MongoCollection<Document> eventCollection, MongoTrackingToken legacy) {
        Instant windowStart = legacy.getTrackedEvents().values().stream().map(Instant::ofEpochMilli)
                .min(Comparator.naturalOrder())
                .filter(oldest -> oldest.isBefore(legacy.getTimestamp().minus(gapTimeout)))
                .orElse(legacy.getTimestamp().minus(gapTimeout));
        Document first = eventCollection.find(Filters.gte(EVENTS.timestampProperty(), DateTimeUtils.formatInstant(windowStart)))
                .sort(Sorts.ascending(EVENTS.timestampProperty(), EVENTS.sequenceNumberProperty()))
                .projection(Projections.include(GLOBAL_INDEX))
                .first();
        return first == null ? headToken(eventCollection) : GapAwareTrackingToken.newInstance(indexOf(first) - 1, List.of());
    }

    @Override
    public TrackingToken createTailToken(MongoCollection<Document> eventsCollection) {
        return TAIL;
    }

    /** After the newest visible event; appends in flight below it are not waited for, as in Axon's JPA store. */
    GapAwareTrackingToken headToken(MongoCollection<Document> eventCollection) {
        Document newest = first(eventCollection, Filters.gt(GLOBAL_INDEX, 0L), Sorts.descending(GLOBAL_INDEX));
        return newest == null ? TAIL : GapAwareTrackingToken.newInstance(indexOf(newest), List.of());
    }

    /** Before the lowest-indexed event stored at or after {@code at}; the head when there is none. */
    GapAwareTrackingToken tokenAt(MongoCollection<Document> eventCollection, Instant at) {
        Document first = first(eventCollection, Filters.and(Filters.gt(GLOBAL_INDEX, 0L),
                Filters.gte(EVENTS.timestampProperty(), DateTimeUtils.formatInstant(at))), Sorts.ascending(GLOBAL_INDEX));
        return first == null ? headToken(eventCollection) : GapAwareTrackingToken.newInstance(indexOf(first) - 1, List.of());
    }

    private static Document first(MongoCollection<Document> eventCollection, Bson filter, Bson sort) {
        return eventCollection.find(filter).sort(sort).projection(Projections.include(GLOBAL_INDEX)).limit(1).first();
    }

    private static long indexOf(Document event) {
        return ((Number) event.get(GLOBAL_INDEX)).longValue();
    }
}
