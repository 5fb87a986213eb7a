package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;

/** What both index kinds share: the keys, answering through {@link IndexPlanner}, and updates as remove plus add. */
abstract class KeyedIndex<P> extends Index<P> implements OrderedIndex<P> {

    protected final IndexKeys keys;

    KeyedIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.keys = new IndexKeys(keys, sparse);
    }

    /** Whether the document keeps the index from answering queries (see {@link #answersQueries()}). */
    protected abstract boolean isUnordered(Document document);

    @Override
    public List<String> keyPaths() {
        return keys.paths();
    }

    @Override
    public boolean isAscending(int keyIndex) {
        return keys.isAscending(keyIndex);
    }

    @Override
    public boolean isSparseIndex() {
        return isSparse();
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument) || isUnordered(oldDocument) != isUnordered(newDocument)) {
            remove(oldDocument);
            add(newDocument, position, collection);
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return IndexPlanner.planFor(this, query, null) != null;
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        IndexPlan<P> plan = IndexPlanner.planFor(this, query, null);
        return plan == null ? List.of() : plan.positions().toList();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
