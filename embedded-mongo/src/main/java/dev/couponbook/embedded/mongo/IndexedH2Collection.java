package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.concurrent.atomic.LongAdder;

/** An H2-persisted collection that answers queries through {@link SortedIndex}es where one fits. */
final class IndexedH2Collection extends H2Collection implements ExaminationCounter {

    private final LongAdder documentsExamined = new LongAdder();

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                        CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    // The base class filters and sorts the whole candidate set before applying the limit; an index that already
    // delivers the sort order lets the stream stop after skip + limit matches instead, and without a limit lets
    // the cursor read on only as far as the client fetches.
    @Override
    protected synchronized QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                                      int batchSize, Document fieldSelector) {
        IndexPlan<Object> plan = IndexPlanner.choose(getIndexes(), query, orderBy);
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
    protected Document getDocument(Object position) {
        documentsExamined.increment();
        return super.getDocument(position);
    }

    // index builds walk all documents, so they must not interleave with writes
    @Override
    public synchronized void addIndex(Index<Object> index) {
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
