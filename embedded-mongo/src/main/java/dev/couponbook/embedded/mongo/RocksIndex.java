package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.DuplicateKeyError;
import org.rocksdb.ColumnFamilyHandle;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * A unique or secondary index kept in RocksDB, in {@link SortedIndex}'s order: the key is the index id, the
 * encoded key tuple and, unless the index is unique, the encoded {@code _id} as tie-breaker; the value is the
 * document's position (and, for a unique index, the encoded {@code _id}, to tell the document's own entry from
 * another's). Its writes go into the collection's pending batch, which its reads see through.
 */
final class RocksIndex extends KeyedIndex<Long> {

    private final RocksDocuments collection;
    private final ColumnFamilyHandle family;
    private final byte[] recordKey;
    private final int id;
    private final byte[] prefix;
    private final boolean unique;
    private final boolean idIndex;
    private final boolean reopened;
    private final StagedCounter entries;
    private final StagedCounter unorderedDocuments;

    private RocksIndex(RocksDocuments collection, byte[] recordKey, int id, String name, List<IndexKey> keys,
                       boolean sparse, boolean unique, byte[] record) {
        super(name, keys, sparse);
        this.collection = collection;
        this.family = collection.storage().indexesFamily();
        this.recordKey = recordKey;
        this.id = id;
        this.prefix = new KeyEncoding.Bytes(4).putInt(id).toArray();
        this.unique = unique;
        this.idIndex = unique && this.keys.paths().equals(List.of(Constants.ID_FIELD)) && this.keys.isAscending(0);
        this.reopened = record != null;
        this.entries = new StagedCounter(record == null ? 0 : KeyEncoding.readLong(record, 4));
        this.unorderedDocuments = new StagedCounter(record == null ? 0 : KeyEncoding.readLong(record, 12));
    }

    static RocksIndex create(RocksDocuments collection, byte[] recordKey, int id, String name, List<IndexKey> keys,
                             boolean sparse, boolean unique) {
        RocksIndex index = new RocksIndex(collection, recordKey, id, name, keys, sparse, unique, null);
        // not through the collection's batch: an index is created under the database's lock, not the collection's
        collection.storage().putRecord(recordKey, index.completedRecord());
        return index;
    }

    static RocksIndex reopen(RocksDocuments collection, byte[] recordKey, byte[] record, String name,
                             List<IndexKey> keys, boolean sparse, boolean unique) {
        return new RocksIndex(collection, recordKey, idOf(record), name, keys, sparse, unique, record);
    }

    static int idOf(byte[] record) {
        return KeyEncoding.readInt(record, 0);
    }

    byte[] recordKey() {
        return recordKey;
    }

    /** The registry record as the complete documents of the pending batch leave it. */
    byte[] completedRecord() {
        return new KeyEncoding.Bytes(20).putInt(id).putLong(entries.completedValue())
            .putLong(unorderedDocuments.completedValue()).toArray();
    }

    void countersCompleted() {
        entries.complete();
        unorderedDocuments.complete();
    }

    void countersDiscarded() {
        entries.discard();
        unorderedDocuments.discard();
    }

    void countersApplied() {
        entries.apply();
        unorderedDocuments.apply();
    }

    @Override
    public boolean isUnique() {
        return unique;
    }

    @Override
    public boolean answersQueries() {
        return unorderedDocuments.value() == 0;
    }

    /** A reopened index holds its documents already; only a new one is built from the collection. */
    @Override
    public boolean isEmpty() {
        return !reopened && getCount() == 0;
    }

    @Override
    public Long getPosition(Document document) {
        if (keys.skips(document)) {
            return null;
        }
        byte[] value = collection.read(family, entryKey(keys.tuples(this, document).get(0), IndexKeys.idOf(document)));
        return value == null ? null : KeyEncoding.readLong(value, 0);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Long> mongoCollection) {
        if (keys.skips(document)) {
            return;
        }
        List<Object[]> tuples = keys.tuples(this, document);
        if (!unique) {
            return;
        }
        for (Object[] tuple : tuples) {
            if (collection.read(family, entryKey(tuple, null)) != null) {
                throw duplicateKey(mongoCollection, tuple);
            }
        }
    }

    @Override
    public void add(Document document, Long position, MongoCollection<Long> mongoCollection) {
        if (keys.skips(document)) {
            return;
        }
        Object id = IndexKeys.idOf(document);
        byte[] value = entryValue(position, id);
        for (Object[] tuple : keys.tuples(this, document)) {
            collection.put(family, entryKey(tuple, id), value);
            entries.add(1);
        }
        if (isUnordered(document)) {
            unorderedDocuments.add(1);
        }
        collection.indexChanged(this);
    }

    @Override
    public Long remove(Document document) {
        if (keys.skips(document)) {
            return null;
        }
        Object id = IndexKeys.idOf(document);
        byte[] ownId = encodedId(id);
        Long position = null;
        for (Object[] tuple : keys.tuples(this, document)) {
            byte[] key = entryKey(tuple, id);
            byte[] value = collection.read(family, key);
            if (value != null && (!unique || idIndex || Arrays.equals(value, 8, value.length, ownId, 0, ownId.length))) {
                collection.delete(family, key);
                entries.add(-1);
                position = KeyEncoding.readLong(value, 0);
            }
        }
        if (position != null) {
            if (isUnordered(document)) {
                unorderedDocuments.add(-1);
            }
            collection.indexChanged(this);
        }
        return position;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Long> mongoCollection) {
        if (!unique || nullAwareEqualsKeys(oldDocument, newDocument) || keys.skips(newDocument)) {
            return;
        }
        byte[] ownId = encodedId(IndexKeys.idOf(newDocument));
        for (Object[] tuple : keys.tuples(this, newDocument)) {
            byte[] value = collection.read(family, entryKey(tuple, null));
            if (value != null && (idIndex || !Arrays.equals(value, 8, value.length, ownId, 0, ownId.length))) {
                throw duplicateKey(mongoCollection, tuple);
            }
        }
    }

    @Override
    public long getCount() {
        return entries.value();
    }

    @Override
    public void drop() {
        collection.discard();
        collection.flush();
        collection.indexDropped(this);
        collection.storage().deleteIndexEntries(id);
        collection.delete(collection.storage().registryFamily(), recordKey);
        collection.flush();
        entries.reset();
        unorderedDocuments.reset();
    }

    @Override
    public Stream<Long> scan(Object[] keyPrefix, Object low, Object high, boolean rangeOnNextKey, boolean reverse) {
        if (unique && !rangeOnNextKey && keyPrefix.length == keys.paths().size()) {
            // a unique key holds at most one entry: one lookup instead of an iterator
            byte[] value = collection.read(family, entryKey(keyPrefix, null));
            return value == null ? Stream.empty() : Stream.of(KeyEncoding.readLong(value, 0));
        }
        collection.flush();
        KeyEncoding.Bytes base = KeyEncoding.Bytes.of(prefix);
        for (int i = 0; i < keyPrefix.length; i++) {
            KeyEncoding.encode(keyPrefix[i], keys.isAscending(i), base);
        }
        byte[] baseBytes = base.toArray();
        byte[] from = baseBytes;
        byte[] to = KeyEncoding.successor(baseBytes);
        if (rangeOnNextKey) {
            int k = keyPrefix.length;
            // on a descending key the index holds the range's high end first
            Object first = keys.isAscending(k) ? low : high;
            Object last = keys.isAscending(k) ? high : low;
            if (first != null) {
                from = withComponent(baseBytes, first, keys.isAscending(k));
            }
            if (last != null) {
                to = KeyEncoding.successor(withComponent(baseBytes, last, keys.isAscending(k)));
            }
        }
        return collection.storage().range(family, from, to, reverse).map(entry -> KeyEncoding.readLong(entry[1], 0));
    }

    private static byte[] withComponent(byte[] base, Object value, boolean ascending) {
        KeyEncoding.Bytes bytes = KeyEncoding.Bytes.of(base);
        KeyEncoding.encode(value, ascending, bytes);
        return bytes.toArray();
    }

    /** The entry's key; {@code id} null gives the key's common part (for a unique index, the whole key). */
    private byte[] entryKey(Object[] tuple, Object id) {
        KeyEncoding.Bytes key = KeyEncoding.Bytes.of(prefix);
        for (int i = 0; i < tuple.length; i++) {
            KeyEncoding.encode(tuple[i], keys.isAscending(i), key);
        }
        if (!unique && id != null) {
            KeyEncoding.encode(id, true, key);
        }
        return key.toArray();
    }

    private byte[] entryValue(long position, Object id) {
        KeyEncoding.Bytes value = new KeyEncoding.Bytes(32).putLong(position);
        if (unique && !idIndex) {
            KeyEncoding.encode(id, true, value);
        }
        return value.toArray();
    }

    private static byte[] encodedId(Object id) {
        KeyEncoding.Bytes bytes = new KeyEncoding.Bytes(24);
        KeyEncoding.encode(id, true, bytes);
        return bytes.toArray();
    }

    private DuplicateKeyError duplicateKey(MongoCollection<Long> mongoCollection, Object[] tuple) {
        return new DuplicateKeyError(this, mongoCollection, getKeys(), new KeyValue(Arrays.asList(tuple)));
    }

    /** Whether the document's entries cannot be kept in query order: an array among its keys, or a type the encoding does not order. */
    @Override
    protected boolean isUnordered(Document document) {
        for (String path : keys.paths()) {
            Object value = IndexKeys.valueOf(document, path);
            if (value instanceof Collection || !KeyEncoding.isOrdered(value)) {
                return true;
            }
        }
        return !KeyEncoding.isOrdered(IndexKeys.idOf(document));
    }
}
