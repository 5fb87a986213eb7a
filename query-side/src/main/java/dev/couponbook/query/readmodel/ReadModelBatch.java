package dev.couponbook.query.readmodel;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read-model writes of the event batch being handled. Projections add their guarded writes
 * here instead of sending one request per event; {@link #flush()} sends them as one ordered bulk
 * request per collection, so they apply exactly as if sent one by one, at a fraction of the cost.
 * The processor's interceptor flushes at the end of each batch, before the processor stores its
 * token. A document that never changes once written is inserted ({@link #insertOnce}) rather than
 * upserted: the store then skips the upsert's failed lookup and building the document from the
 * update, and a repeated event's insert meets its {@code _id} and changes nothing. A guarded change
 * to a document that may not exist yet is one upsert ({@link #upsertUnlessApplied}) rather than an
 * upsert that creates the document followed by the guarded update.
 *
 * <p>A flush runs outside every event's handler, where a failure cannot be pinned on one event,
 * and one write the store refuses would fail the batch for ever. So a failed flush is repeated
 * event by event: the writes of the others are applied (they are guarded, so applying one twice
 * changes nothing), the events whose writes fail are remembered as suspects, and the batch fails
 * once more. When it is delivered again, a suspect's writes are sent at once, inside its own
 * handler, where the processor's dead-letter queue parks the event with the cause and goes on.
 */
public final class ReadModelBatch {

    private static final Logger log = LoggerFactory.getLogger(ReadModelBatch.class);
    private static final String RESOURCE = ReadModelBatch.class.getName();
    /** Suspects are few; the bound only keeps ids of events that never came back from piling up. */
    private static final int MAX_SUSPECTS = 10_000;
    private static final Set<String> SUSPECTS = ConcurrentHashMap.newKeySet();

    /** {@code guardedUpsert}: a duplicate key refusing its insert shows the document exists ({@link #withoutUpsert}). */
    private record Pending(String eventId, MongoCollection<Document> collection, WriteModel<Document> write,
                           boolean guardedUpsert) {

        boolean isInsert() {
            return write instanceof InsertOneModel;
        }

        boolean toleratesDuplicate() {
            return isInsert() || guardedUpsert;
        }
    }

    private final List<Pending> writes = new ArrayList<>();

    private final boolean immediate;

    private ReadModelBatch(boolean immediate) {
        this.immediate = immediate;
    }

    /**
     * The batch of the unit of work being processed; it also flushes on commit when no processor
     * interceptor did. Outside a unit of work (a handler called directly) each write is sent at once.
     */
    public static ReadModelBatch current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ReadModelBatch(true);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            ReadModelBatch batch = new ReadModelBatch(false);
            unitOfWork.onPrepareCommit(committing -> batch.flush());
            return batch;
        });
    }

    static void flushIfStarted(UnitOfWork<?> unitOfWork) {
        ReadModelBatch batch = unitOfWork.root().getResource(RESOURCE);
        if (batch != null) {
            batch.flush();
        }
    }

    public void write(MongoCollection<Document> collection, WriteModel<Document> write) {
        add(collection, write, false);
    }

    /**
     * Upserts {@code update} into the document that {@code filter} finds by its {@code _id} and a guard
     * saying the change is not applied yet. When the document is there but the guard says it is, the
     * upsert's insert meets the {@code _id}; the write is then sent again as a plain update, which the
     * guard lets through only if the change is still not applied.
     */
    public void upsertUnlessApplied(MongoCollection<Document> collection, Bson filter, Bson update) {
        add(collection, new UpdateOneModel<>(filter, update, new UpdateOptions().upsert(true)), true);
    }

    private void add(MongoCollection<Document> collection, WriteModel<Document> write, boolean guardedUpsert) {
        String eventId = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getMessage().getIdentifier() : null;
        Pending pending = new Pending(eventId, collection, write, guardedUpsert);
        if (immediate || eventId != null && SUSPECTS.contains(eventId)) {
            send(List.of(pending));
        } else {
            writes.add(pending);
        }
    }

    /** Inserts {@code document} unless a document with its {@code _id} is there already, which is then left as it is. */
    public void insertOnce(MongoCollection<Document> collection, Document document) {
        add(collection, new InsertOneModel<>(document), false);
    }

    void flush() {
        try {
            send(writes);
        } catch (RuntimeException failure) {
            Set<String> failed = flushEventByEvent();
            if (!failed.isEmpty()) {
                if (SUSPECTS.size() + failed.size() > MAX_SUSPECTS) {
                    SUSPECTS.clear();
                }
                SUSPECTS.addAll(failed);
                log.warn("Read-model writes of events {} failed ({}); the batch is handled again, those events one by one",
                        failed, failure.toString());
                throw new IllegalStateException("read-model writes failed for events " + failed, failure);
            }
        } finally {
            writes.clear();
        }
    }

    /** The ids of the events whose writes the store refused, after applying all the others in order. */
    private Set<String> flushEventByEvent() {
        Map<String, List<Pending>> byEvent = new LinkedHashMap<>();
        writes.forEach(pending -> byEvent.computeIfAbsent(pending.eventId(), key -> new ArrayList<>()).add(pending));
        Set<String> failed = new LinkedHashSet<>();
        byEvent.forEach((eventId, pending) -> {
            try {
                send(pending);
            } catch (RuntimeException e) {
                failed.add(eventId);
            }
        });
        return failed;
    }

    /**
     * Per collection, in the order the collections were first written: each run of updates as one ordered bulk
     * request, each run of inserts as one unordered request whose duplicate keys are the documents already there.
     */
    private static void send(List<Pending> pending) {
        Map<MongoCollection<Document>, List<Pending>> byCollection = new LinkedHashMap<>();
        pending.forEach(write -> byCollection.computeIfAbsent(write.collection(), key -> new ArrayList<>()).add(write));
        byCollection.forEach((collection, writes) -> {
            int start = 0;
            for (int i = 1; i <= writes.size(); i++) {
                if (i == writes.size() || writes.get(i).isInsert() != writes.get(start).isInsert()) {
                    send(collection, writes.subList(start, i));
                    start = i;
                }
            }
        });
    }

    /**
     * An ordered request stops at its first error, so after a tolerated duplicate key (the refused upsert is sent
     * again as a plain update) the run goes on from the write after the last error reported (plain
     * mongo-java-server, unlike MongoDB and the embedded store, goes on after an error and reports them all). It
     * goes on one write at a time until one is not refused, then as one request again: a batch delivered again after
     * a crash refuses a whole prefix, which is then sent write by write instead of once more for every refused write.
     * Every write is guarded, so one the store has applied already changes nothing when sent again.
     */
    private static void send(MongoCollection<Document> collection, List<Pending> run) {
        List<WriteModel<Document>> models = run.stream().map(Pending::write).toList();
        boolean inserts = run.get(0).isInsert();
        int from = 0;
        boolean oneByOne = false;
        while (from < models.size()) {
            int to = oneByOne ? from + 1 : models.size();
            try {
                collection.bulkWrite(models.subList(from, to), new BulkWriteOptions().ordered(!inserts));
                from = to;
                oneByOne = false;
            } catch (MongoBulkWriteException e) {
                if (e.getWriteErrors().isEmpty()) {
                    throw e;
                }
                int last = -1;
                for (BulkWriteError error : e.getWriteErrors()) {
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY
                            || !run.get(from + error.getIndex()).toleratesDuplicate()) {
                        throw e;
                    }
                    last = Math.max(last, error.getIndex());
                }
                if (!inserts) {
                    for (BulkWriteError error : e.getWriteErrors()) {
                        collection.bulkWrite(List.of(withoutUpsert(models.get(from + error.getIndex()))));
                    }
                }
                from = inserts ? to : from + last + 1;
                oneByOne = !inserts;
            }
        }
    }

    /**
     * The duplicate key proves the document exists, not that the write was applied: on MongoDB, an upsert whose
     * filter is more than the {@code _id} is not retried when another writer inserts the document between its
     * lookup and its insert (two segments counting in one new bucket). Sent again without the upsert, the guard
     * alone decides: it applies the write if it is not applied yet, and matches nothing if it is.
     */
    private static WriteModel<Document> withoutUpsert(WriteModel<Document> write) {
        UpdateOneModel<Document> upsert = (UpdateOneModel<Document>) write;
        return new UpdateOneModel<>(upsert.getFilter(), upsert.getUpdate());
    }
}
