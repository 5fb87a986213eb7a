package dev.couponbook.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-model writes of the event batch being handled. Projections add their guarded writes
 * here instead of sending one request per event; {@link #flush()} sends them as one ordered bulk
 * request per collection, so they apply exactly as if sent one by one, at a fraction of the cost.
 * The processor's interceptor flushes at the end of each batch, before the processor stores its
 * token: a failed flush rolls the batch back and it is delivered again.
 */
public final class ReadModelBatch {

    private static final String RESOURCE = ReadModelBatch.class.getName();

    private final Map<MongoCollection<Document>, List<WriteModel<Document>>> writes = new LinkedHashMap<>();

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
        if (immediate) {
            collection.bulkWrite(List.of(write));
        } else {
            writes.computeIfAbsent(collection, key -> new ArrayList<>()).add(write);
        }
    }

    void flush() {
        writes.forEach((collection, models) -> collection.bulkWrite(models, new BulkWriteOptions().ordered(true)));
        writes.clear();
    }
}
