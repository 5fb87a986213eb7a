package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A secondary or unique index over one or more keys, kept as a skip list ordered by the key tuple and then
 * by {@code _id}, so equality on leading keys plus a range on the next key is one contiguous slice of it.
 *
 * @param <P> the backend's document position type
 */
final class SortedIndex<P> extends Index<P> {

    /** Bound markers in a probe tuple: they sort before, respectively after, every real value. */
    private enum Edge { LOW, HIGH }

    private final boolean unique;
    private final boolean[] ascending;
    private final List<String> keyPaths;
    private final ConcurrentSkipListMap<Entry, P> entries;
    private final AtomicLong entryCount = new AtomicLong();
    // Arrays make MongoDB's match semantics diverge from a plain ordered lookup (any-element matching,
    // min/max-element sort keys), so while any indexed document holds one, the index answers nothing.
    private final AtomicInteger multikeyDocuments = new AtomicInteger();

    SortedIndex(String name, List<IndexKey> keys, boolean sparse, boolean unique) {
        super(name, keys, sparse);
        this.unique = unique;
        this.ascending = new boolean[keys.size()];
        this.keyPaths = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            ascending[i] = keys.get(i).isAscending();
            keyPaths.add(keys.get(i).getKey());
        }
        this.entries = new ConcurrentSkipListMap<>(entryOrder());
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    boolean isSparseIndex() {
        return isSparse();
    }

    boolean isMultikey() {
        return multikeyDocuments.get() > 0;
    }

    List<String> keyPaths() {
        return keyPaths;
    }

    boolean isAscending(int keyIndex) {
        return ascending[keyIndex];
    }

    @Override
    public P getPosition(Document document) {
        if (isSkippedBySparseness(document)) {
            return null;
        }
        return entries.get(new Entry(tuples(document).get(0), idOf(document)));
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<P> collection) {
        if (!unique || isSkippedBySparseness(document)) {
            return;
        }
        for (Object[] tuple : tuples(document)) {
            if (!slice(tuple).isEmpty()) {
                throw duplicateKey(collection, tuple);
            }
        }
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        checkAdd(document, collection);
        if (isSkippedBySparseness(document)) {
            return;
        }
        Object id = idOf(document);
        List<Object[]> tuples = tuples(document);
        for (Object[] tuple : tuples) {
            if (entries.putIfAbsent(new Entry(tuple, id), position) == null) {
                entryCount.incrementAndGet();
            }
        }
        if (isMultikey(document)) {
            multikeyDocuments.incrementAndGet();
        }
    }

    @Override
    public synchronized P remove(Document document) {
        if (isSkippedBySparseness(document)) {
            return null;
        }
        Object id = idOf(document);
        P position = null;
        for (Object[] tuple : tuples(document)) {
            P removed = entries.remove(new Entry(tuple, id));
            if (removed != null) {
                entryCount.decrementAndGet();
                position = removed;
            }
        }
        if (position != null && isMultikey(document)) {
            multikeyDocuments.decrementAndGet();
        }
        return position;
    }

    @Override
    public synchronized void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        if (!unique || nullAwareEqualsKeys(oldDocument, newDocument) || isSkippedBySparseness(newDocument)) {
            return;
        }
        Object id = idOf(newDocument);
        for (Object[] tuple : tuples(newDocument)) {
            for (Entry existing : slice(tuple).keySet()) {
                if (KeyOrder.compare(existing.id, id) != 0) {
                    throw duplicateKey(collection, tuple);
                }
            }
        }
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument) || isMultikey(oldDocument) != isMultikey(newDocument)) {
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
    public long getCount() {
        return entryCount.get();
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void drop() {
        entries.clear();
        entryCount.set(0);
        multikeyDocuments.set(0);
    }

    /**
     * Positions in the slice whose first {@code prefix.length} keys equal {@code prefix} and whose next key lies
     * within [{@code low}, {@code high}] (either may be null for unbounded), in index order or its reverse.
     */
    Stream<P> scan(Object[] prefix, Object low, Object high, boolean rangeOnNextKey, boolean reverse) {
        int n = ascending.length;
        Object[] from = new Object[n];
        Object[] to = new Object[n];
        Arrays.fill(from, Edge.LOW);
        Arrays.fill(to, Edge.HIGH);
        System.arraycopy(prefix, 0, from, 0, prefix.length);
        System.arraycopy(prefix, 0, to, 0, prefix.length);
        if (rangeOnNextKey) {
            int k = prefix.length;
            // on a descending key the index holds the range's high end first
            Object first = ascending[k] ? low : high;
            Object last = ascending[k] ? high : low;
            if (first != null) {
                from[k] = first;
            }
            if (last != null) {
                to[k] = last;
            }
        }
        Entry fromEntry = new Entry(from, Edge.LOW);
        Entry toEntry = new Entry(to, Edge.HIGH);
        if (entries.comparator().compare(fromEntry, toEntry) > 0) {
            return Stream.empty();
        }
        NavigableMap<Entry, P> slice = entries.subMap(fromEntry, true, toEntry, true);
        return (reverse ? slice.descendingMap() : slice).values().stream();
    }

    private NavigableMap<Entry, P> slice(Object[] tuple) {
        return entries.subMap(new Entry(tuple, Edge.LOW), true, new Entry(tuple, Edge.HIGH), true);
    }

    private DuplicateKeyError duplicateKey(MongoCollection<P> collection, Object[] tuple) {
        return new DuplicateKeyError(this, collection, getKeys(), new KeyValue(Arrays.asList(tuple)));
    }

    private boolean isSkippedBySparseness(Document document) {
        if (!isSparse()) {
            return false;
        }
        for (String path : keyPaths) {
            if (!(Utils.getSubdocumentValue(document, path) instanceof Missing)) {
                return false;
            }
        }
        return true;
    }

    private boolean isMultikey(Document document) {
        for (String path : keyPaths) {
            if (Utils.getSubdocumentValueCollectionAware(document, path) instanceof Collection) {
                return true;
            }
        }
        return false;
    }

    /** The key tuples a document is indexed under: one for scalars, one per array element otherwise. */
    private List<Object[]> tuples(Document document) {
        Object[] raw = new Object[keyPaths.size()];
        boolean hasArray = false;
        for (int i = 0; i < raw.length; i++) {
            Object value = Utils.getSubdocumentValueCollectionAware(document, keyPaths.get(i));
            raw[i] = value instanceof Missing ? null : value;
            hasArray |= value instanceof Collection;
        }
        if (!hasArray) {
            return Collections.singletonList(raw);
        }
        Set<KeyValue> keyValues = getKeyValues(document);
        if (keyValues.isEmpty()) {
            // an empty array expands to no tuples; keep one so the document can still be found and removed
            return Collections.singletonList(raw);
        }
        List<Object[]> tuples = new ArrayList<>(keyValues.size());
        for (KeyValue keyValue : keyValues) {
            tuples.add(keyValue.stream().toArray());
        }
        return tuples;
    }

    private static Object idOf(Document document) {
        if (!document.containsKey(Constants.ID_FIELD)) {
            // mongo-java-server gives every document outside system collections an _id, which is the tie-breaker
            throw new IllegalStateException("Indexed document without _id: " + document);
        }
        return document.get(Constants.ID_FIELD);
    }

    private Comparator<Entry> entryOrder() {
        return (a, b) -> {
            for (int i = 0; i < ascending.length; i++) {
                int cmp = compareComponent(a.values[i], b.values[i], ascending[i]);
                if (cmp != 0) {
                    return cmp;
                }
            }
            return compareComponent(a.id, b.id, true);
        };
    }

    private static int compareComponent(Object a, Object b, boolean ascending) {
        if (a == b) {
            return 0;
        }
        if (a == Edge.LOW || b == Edge.HIGH) {
            return -1;
        }
        if (a == Edge.HIGH || b == Edge.LOW) {
            return 1;
        }
        int cmp = KeyOrder.compare(a, b);
        return ascending ? cmp : -cmp;
    }

    /** One index entry, or a probe when it holds {@link Edge} markers. */
    private static final class Entry {
        private final Object[] values;
        private final Object id;

        Entry(Object[] values, Object id) {
            this.values = values;
            this.id = id;
        }
    }
}
