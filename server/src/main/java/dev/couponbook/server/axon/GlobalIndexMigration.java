package dev.couponbook.server.axon;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.ErrorCategory;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static dev.couponbook.server.axon.GlobalIndexStorageStrategy.GLOBAL_INDEX;

/**
 * Gives the events stored before the global index existed one, once, in the order the old tracking
 * delivered them (timestamp, then sequence number), in bulk. Instances starting together take
 * turns through a lease document: the holder renews it after every batch, and another instance
 * takes it over only when it has not been renewed for {@link #LEASE}; batches are numbered from
 * the shared counter, so a takeover continues in order. Runs before any processor starts; once it
 * has found nothing left to do, a flag on the counter lets later starts skip the scan. Instances
 * of the version before this one must be stopped first: their events would get no index.
 */
final class GlobalIndexMigration {

    private static final Logger log = LoggerFactory.getLogger(GlobalIndexMigration.class);
    private static final EventEntryConfiguration EVENTS = EventEntryConfiguration.getDefault();
    private static final String COUNTER = "globalIndex";
    private static final String LEASE_ID = "globalIndexMigration";
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final int BATCH = 1_000;
    private static final Duration WAIT = Duration.ofMillis(200);

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> counters;
    private final GlobalIndexStorageStrategy strategy;
    private final String owner;
    private final Clock clock;

    GlobalIndexMigration(MongoCollection<Document> events, MongoCollection<Document> counters,
                         GlobalIndexStorageStrategy strategy, String owner, Clock clock) {
        this.events = events;
        this.counters = counters;
        this.strategy = strategy;
        this.owner = owner;
        this.clock = clock;
    }

    /** Returns once every stored event has an index, whichever instance gave it. */
    void run() {
        while (!done()) {
            if (acquireLease()) {
                try {
                    if (indexAll()) {
                        counters.updateOne(Filters.eq("_id", COUNTER), Updates.set("complete", true),
                                new UpdateOptions().upsert(true));
                        return;
                    }
                } finally {
                    counters.deleteOne(Filters.and(Filters.eq("_id", LEASE_ID), Filters.eq("owner", owner)));
                }
            }
            sleep();
        }
    }

    private boolean done() {
        Document counter = counters.find(Filters.eq("_id", COUNTER)).first();
        return counter != null && Boolean.TRUE.equals(counter.getBoolean("complete"));
    }

    /** False when another instance took the lease over meanwhile (this one was too slow to renew it). */
    private boolean indexAll() {
        long indexed = 0;
        List<Object> batch = new ArrayList<>(BATCH);
        try (MongoCursor<Document> unindexed = events.find(Filters.exists(GLOBAL_INDEX, false))
                .sort(Sorts.ascending(EVENTS.timestampProperty(), EVENTS.sequenceNumberProperty()))
                .projection(Projections.include("_id"))
                .batchSize(BATCH)
                .iterator()) {
            while (unindexed.hasNext()) {
                batch.add(unindexed.next().get("_id"));
                if (batch.size() == BATCH || !unindexed.hasNext()) {
                    indexed += index(batch);
                    batch.clear();
                    if (!renewLease()) {
                        return false;
                    }
                }
            }
        }
        if (indexed > 0) {
            log.info("Gave {} stored events a global index", indexed);
        }
        return true;
    }

    private long index(List<Object> ids) {
        long first = strategy.reserve(ids.size());
        List<WriteModel<Document>> updates = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            updates.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", ids.get(i)), Filters.exists(GLOBAL_INDEX, false)),
                    Updates.set(GLOBAL_INDEX, first + i)));
        }
        return events.bulkWrite(updates, new BulkWriteOptions().ordered(true)).getModifiedCount();
    }

    private boolean acquireLease() {
        Instant now = clock.instant();
        try {
            counters.insertOne(new Document("_id", LEASE_ID).append("owner", owner).append("renewed", Date.from(now)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        // taken over only if still as stale as read: two instances cannot both win
        return counters.updateOne(Filters.and(Filters.eq("_id", LEASE_ID), Filters.lt("renewed", Date.from(now.minus(LEASE)))),
                Updates.combine(Updates.set("owner", owner), Updates.set("renewed", Date.from(now)))).getMatchedCount() == 1;
    }

    private boolean renewLease() {
        return counters.updateOne(Filters.and(Filters.eq("_id", LEASE_ID), Filters.eq("owner", owner)),
                Updates.set("renewed", Date.from(clock.instant()))).getMatchedCount() == 1;
    }

    private static void sleep() {
        try {
            Thread.sleep(WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another instance to index the stored events", e);
        }
    }
}
