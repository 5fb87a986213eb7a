package dev.couponbook.query.readmodel;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.WriteModel;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
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
 * update, and a repeated event's insert meets its {@code _id} and changes nothing.
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

    private record Pending(String eventId, MongoCollection<Document> collection, WriteModel<Document> write) {
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
        String eventId = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getMessage().getIdentifier() : null;
        Pending pending = new Pending(eventId, collection, write);
        if (immediate || eventId != null && SUSPECTS.contains(eventId)) {
            send(List.of(pending));
        } else {
            writes.add(pending);
        }
    }

    /** Inserts {@code document} unless a document with its {@code _id} is there already, which is then left as it is. */
    public void insertOnce(MongoCollection<Document> collection, Document document) {
        write(collection, new InsertOneModel<>(document));
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
        Map<MongoCollection<Document>, List<WriteModel<Document>>> byCollection = new LinkedHashMap<>();
        pending.forEach(write -> byCollection.computeIfAbsent(write.collection(), key -> new ArrayList<>()).add(write.write()));
        byCollection.forEach((collection, models) -> {
            int start = 0;
            for (int i = 1; i <= models.size(); i++) {
                if (i == models.size() || isInsert(models.get(i)) != isInsert(models.get(start))) {
                    send(collection, models.subList(start, i));
                    start = i;
                }
            }
        });
    }

    private static void send(MongoCollection<Document> collection, List<WriteModel<Document>> run) {
        if (!isInsert(run.get(0))) {
            collection.bulkWrite(run, new BulkWriteOptions().ordered(true));
            return;
        }
        try {
            collection.bulkWrite(run, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    private static boolean isInsert(WriteModel<Document> write) {
        return write instanceof InsertOneModel;
    }
}
