package dev.couponbook.server.axon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A store written before events had a global index: its events get one, once, in the order the
 * timestamp tracking delivered them, even when several instances start on it together; and a
 * processor's stored timestamp token is taken over without losing an event.
 */
class GlobalIndexMigrationTest {

    private static final Duration OLD_LOOK_BACK = Duration.ofSeconds(10);
    private static final EventEntryConfiguration EVENTS = EventEntryConfiguration.getDefault();

    private final Serializer serializer = EventStorageFixture.SERIALIZER;
    private EventStorageFixture store;
    private MongoTemplate template;
    private MongoCollection<Document> counters;

    @BeforeEach
    void start() {
        store = new EventStorageFixture();
        template = store.template;
        counters = store.counters;
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void canIndexAnOldStoreOnceInDeliveryOrderWhenSeveralInstancesStartTogether() throws Exception {
        List<DomainEventMessage<?>> history = history(20, 100);
        storeTheOldWay(history);
        GlobalIndexStorageStrategy strategy = newStrategy();
        engine(strategy);

        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        ExecutorService starts = Executors.newFixedThreadPool(instances);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                String owner = "instance-" + i;
                done.add(starts.submit(() -> {
                    together.await();
                    new GlobalIndexMigration(template.eventCollection(), counters, strategy, owner, Clock.systemUTC()).run();
                    return null;
                }));
            }
            for (Future<?> instance : done) {
                instance.get();
            }
        } finally {
            starts.shutdownNow();
        }

        List<Document> inDeliveryOrder = template.eventCollection().find()
                .sort(Sorts.ascending(EVENTS.timestampProperty(), EVENTS.sequenceNumberProperty())).into(new ArrayList<>());
        List<Long> indexes = inDeliveryOrder.stream().map(event -> event.getLong(GlobalIndexStorageStrategy.GLOBAL_INDEX)).toList();
        assertThat(indexes).hasSize(history.size()).doesNotContainNull().isSorted().doesNotHaveDuplicates();
        assertThat(counters.find(Filters.eq("_id", "globalIndexMigration")).first()).isNull();
        new GlobalIndexMigration(template.eventCollection(), counters, strategy, "restarted", Clock.systemUTC()).run();
        assertThat(template.eventCollection().find()
                .sort(Sorts.ascending(EVENTS.timestampProperty(), EVENTS.sequenceNumberProperty())).into(new ArrayList<>())
                .stream().map(event -> event.getLong(GlobalIndexStorageStrategy.GLOBAL_INDEX)).toList())
                .as("indexed once").isEqualTo(indexes);

        DomainEventMessage<?> next = event("after-upgrade", 0, Instant.now());
        engine(strategy).appendEvents(next);
        Document appended = template.eventCollection().find(Filters.eq(EVENTS.eventIdentifierProperty(), next.getIdentifier())).first();
        assertThat(appended.getLong(GlobalIndexStorageStrategy.GLOBAL_INDEX)).isGreaterThan(indexes.get(indexes.size() - 1));
    }

    @Test
    void canTakeOverAStoredTimestampTokenWithoutLosingAnEvent() {
        List<DomainEventMessage<?>> history = history(10, 100);
        MongoEventStorageEngine old = storeTheOldWay(history);
        List<? extends TrackedEventMessage<?>> deliveredBefore;
        try (Stream<? extends TrackedEventMessage<?>> stream = old.readEvents(null, false)) {
            deliveredBefore = stream.limit(600).toList();
        }
        MongoTrackingToken oldToken = (MongoTrackingToken) deliveredBefore.get(deliveredBefore.size() - 1).trackingToken();
        TokenStore oldTokens = store.mongoTokenStore("old");
        oldTokens.initializeTokenSegments("read-model", 1, oldToken);

        GlobalIndexStorageStrategy strategy = newStrategy();
        GlobalIndexEventStorageEngine engine = engine(strategy);
        new GlobalIndexMigration(template.eventCollection(), counters, strategy, "new", Clock.systemUTC()).run();
        TokenStore tokens = new ServiceTokenStore(store.mongoTokenStore("new"), engine, Clock.systemUTC());
        TrackingToken taken = tokens.fetchToken("read-model", 0);

        assertThat(taken).isInstanceOf(GapAwareTrackingToken.class);
        List<String> deliveredAfter;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(taken, false)) {
            deliveredAfter = stream.map(TrackedEventMessage::getIdentifier).toList();
        }
        Set<String> seenBefore = new HashSet<>(deliveredBefore.stream().map(TrackedEventMessage::getIdentifier).toList());
        Set<String> everyEvent = new HashSet<>(history.stream().map(DomainEventMessage::getIdentifier).toList());
        Set<String> seenOnce = new HashSet<>(seenBefore);
        seenOnce.addAll(deliveredAfter);
        assertThat(seenOnce).as("no event lost").isEqualTo(everyEvent);
        assertThat(deliveredAfter).doesNotHaveDuplicates();
        Instant windowStart = oldToken.getTimestamp().minus(OLD_LOOK_BACK);
        history.stream().filter(event -> seenBefore.contains(event.getIdentifier()) && deliveredAfter.contains(event.getIdentifier()))
                .forEach(repeated -> assertThat(repeated.getTimestamp()).as("repeated only from the look-back window")
                        .isAfterOrEqualTo(windowStart));

        tokens.storeToken(taken, "read-model", 0);
        assertThat(template.trackingTokensCollection().find(Filters.eq("processorName", "read-model")).first()
                .getString("tokenType")).isEqualTo(GapAwareTrackingToken.class.getName());
    }

    /** Stores the events without a global index, in a shuffled order as late inserts are. */
    private MongoEventStorageEngine storeTheOldWay(List<DomainEventMessage<?>> history) {
        MongoEventStorageEngine old = MongoEventStorageEngine.builder().mongoTemplate(template)
                .storageStrategy(new DocumentPerEventStorageStrategy(EVENTS, OLD_LOOK_BACK))
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        List<DomainEventMessage<?>> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(old::appendEvents);
        return old;
    }

    /** {@code aggregates} streams of {@code perAggregate} events, 100 ms apart: ten times the look-back window. */
    private static List<DomainEventMessage<?>> history(int aggregates, int perAggregate) {
        Instant start = Instant.now().minus(Duration.ofHours(1));
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < perAggregate; sequence++) {
            for (int aggregate = 0; aggregate < aggregates; aggregate++) {
                events.add(event("aggregate-" + aggregate, sequence, start.plusMillis(100L * events.size())));
            }
        }
        return events;
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + "#" + sequence, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), at);
    }

    private GlobalIndexStorageStrategy newStrategy() {
        return store.strategy(new EventTrackingProperties(OLD_LOOK_BACK, null, null, null), Clock.systemUTC());
    }

    private GlobalIndexEventStorageEngine engine(GlobalIndexStorageStrategy strategy) {
        return store.engine(strategy);
    }
}
