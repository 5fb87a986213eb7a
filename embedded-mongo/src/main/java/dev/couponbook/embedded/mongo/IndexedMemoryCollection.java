package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.bson.Document;

import java.util.concurrent.atomic.LongAdder;

/** An in-memory collection that answers queries through {@link SortedIndex}es where one fits. */
final class IndexedMemoryCollection extends MemoryCollection implements ExaminationCounter {

    private final LongAdder documentsExamined = new LongAdder();

    IndexedMemoryCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                            CursorRegistry cursorRegistry) {
        super(database, collectionName, options, cursorRegistry);
    }

    // The base class filters and sorts the whole candidate set before applying the limit; an index that already
    // delivers the sort order lets the stream stop after skip + limit matches instead, and without a limit lets
    // the cursor read on only as far as the client fetches.
    @Override
    protected synchronized QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                                      int batchSize, Document fieldSelector) {
        IndexPlan<Integer> plan = IndexPlanner.choose(getIndexes(), query, orderBy);
        if (plan == null) {
            documentsExamined.add(count());
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        if (plan.servesSort() && limit == 0 && batchSize > 0 && (fieldSelector == null || fieldSelector.isEmpty())) {
            return StreamingCursor.firstBatch(this, cursorRegistry, plan.positionIterator(), this::getDocument,
                ExclusionShortcut.matcher(query, this::documentMatchesQuery), numberToSkip, batchSize);
        }
        if (plan.servesSort()) {
            return matchDocumentsFromStream(query, plan.positions().map(this::getDocument), numberToSkip, limit,
                batchSize, null, fieldSelector);
        }
        return matchDocuments(query, plan.positions().toList(), orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected Document getDocument(Integer position) {
        documentsExamined.increment();
        return super.getDocument(position);
    }

    // index builds walk all documents, so they must not interleave with writes
    @Override
    public synchronized void addIndex(Index<Integer> index) {
        super.addIndex(index);
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }

    @Override
    public long documentsExamined() {
        return documentsExamined.sum();
    }
}
