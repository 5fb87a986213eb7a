package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
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
final class SortedIndex<P> extends KeyedIndex<P> {

    /** Bound markers in a probe tuple: they sort before, respectively after, every real value. */
    private enum Edge { LOW, HIGH }

    private final boolean unique;
    private final ConcurrentSkipListMap<Entry, P> entries;
    private final AtomicLong entryCount = new AtomicLong();
    // Arrays make MongoDB's match semantics diverge from a plain ordered lookup (any-element matching,
    // min/max-element sort keys), so while any indexed document holds one, the index answers nothing.
    private final AtomicInteger multikeyDocuments = new AtomicInteger();

    SortedIndex(String name, List<IndexKey> keys, boolean sparse, boolean unique) {
        super(name, keys, sparse);
        this.unique = unique;
        this.entries = new ConcurrentSkipListMap<>(entryOrder());
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    @Override
    public boolean answersQueries() {
        return multikeyDocuments.get() == 0;
    }

    @Override
    protected boolean isUnordered(Document document) {
        return keys.hasArray(document);
    }

    @Override
    public P getPosition(Document document) {
        if (keys.skips(document)) {
            return null;
        }
        return entries.get(new Entry(keys.tuples(this, document).get(0), IndexKeys.idOf(document)));
    }

    @Override
    public synchronized void checkAdd(Document document, MongoCollection<P> collection) {
        if (!unique || keys.skips(document)) {
            return;
        }
        for (Object[] tuple : keys.tuples(this, document)) {
            if (!slice(tuple).isEmpty()) {
                throw duplicateKey(collection, tuple);
            }
        }
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        checkAdd(document, collection);
        if (keys.skips(document)) {
            return;
        }
        Object id = IndexKeys.idOf(document);
        List<Object[]> tuples = keys.tuples(this, document);
        for (Object[] tuple : tuples) {
            if (entries.putIfAbsent(new Entry(tuple, id), position) == null) {
                entryCount.incrementAndGet();
            }
        }
        if (keys.hasArray(document)) {
            multikeyDocuments.incrementAndGet();
        }
    }

    @Override
    public synchronized P remove(Document document) {
        if (keys.skips(document)) {
            return null;
        }
        Object id = IndexKeys.idOf(document);
        P position = null;
        for (Object[] tuple : keys.tuples(this, document)) {
            P removed = entries.remove(new Entry(tuple, id));
            if (removed != null) {
                entryCount.decrementAndGet();
                position = removed;
            }
        }
        if (position != null && keys.hasArray(document)) {
            multikeyDocuments.decrementAndGet();
        }
        return position;
    }

    @Override
    public synchronized void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        if (!unique || nullAwareEqualsKeys(oldDocument, newDocument) || keys.skips(newDocument)) {
            return;
        }
        Object id = IndexKeys.idOf(newDocument);
        for (Object[] tuple : keys.tuples(this, newDocument)) {
            for (Entry existing : slice(tuple).keySet()) {
                if (KeyOrder.compare(existing.id, id) != 0) {
                    throw duplicateKey(collection, tuple);
                }
            }
        }
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
    public void drop() {
        entries.clear();
        entryCount.set(0);
        multikeyDocuments.set(0);
    }

    @Override
    public Stream<P> scan(Object[] prefix, Object low, Object high, boolean rangeOnNextKey, boolean reverse) {
        int n = keys.paths().size();
        Object[] from = new Object[n];
        Object[] to = new Object[n];
        Arrays.fill(from, Edge.LOW);
        Arrays.fill(to, Edge.HIGH);
        System.arraycopy(prefix, 0, from, 0, prefix.length);
        System.arraycopy(prefix, 0, to, 0, prefix.length);
        if (rangeOnNextKey) {
            int k = prefix.length;
            // on a descending key the index holds the range's high end first
            Object first = keys.isAscending(k) ? low : high;
            Object last = keys.isAscending(k) ? high : low;
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

    private Comparator<Entry> entryOrder() {
        return (a, b) -> {
            for (int i = 0; i < a.values.length; i++) {
                int cmp = compareComponent(a.values[i], b.values[i], keys.isAscending(i));
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
