package dev.couponbook.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
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
 * token.
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
        if (immediate || eventId != null && SUSPECTS.contains(eventId)) {
            collection.bulkWrite(List.of(write));
        } else {
            writes.add(new Pending(eventId, collection, write));
        }
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

    /** One ordered bulk request per collection, collections in the order they were first written. */
    private static void send(List<Pending> pending) {
        Map<MongoCollection<Document>, List<WriteModel<Document>>> byCollection = new LinkedHashMap<>();
        pending.forEach(write -> byCollection.computeIfAbsent(write.collection(), key -> new ArrayList<>()).add(write.write()));
        byCollection.forEach((collection, models) -> collection.bulkWrite(models, new BulkWriteOptions().ordered(true)));
    }
}
