package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.ReadOptions;
import org.rocksdb.WriteBatchWithIndex;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One collection's documents in RocksDB as BSON under (collection id, position), positions counting up from the
 * highest one stored. Not thread-safe: the collection calls it under its lock.
 *
 * <p>A command's writes collect in one indexed write batch, which reads see through (so the second document of an
 * {@code insertMany} finds the first in a unique index), and are applied with the counters they change in one
 * RocksDB write on {@link #flush()}: one log append for a thousand documents. A save point marks the end of the last
 * complete document, so a document that fails halfway is rolled back alone.
 */
final class RocksDocuments implements DocumentStore<Long> {

    private final RocksStorage storage;
    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final int id;
    private final byte[] prefix;
    private final byte[] end;
    private final byte[] recordKey;
    // a batch this big is applied before the command ends, so a huge insertMany does not pile up on the heap
    private static final long FLUSH_BYTES = 4L << 20;

    private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
    private final ReadOptions readOptions = new ReadOptions();
    private long batchBytes;
    private boolean hasSavePoint;
    // writes since the last commit(), which discard() must roll back
    private boolean uncommitted;

    private final Map<String, RocksIndex> indexes = new ConcurrentHashMap<>();
    private final List<RocksIndex> changedIndexes = new ArrayList<>();
    private final ByteBuf encoder = Unpooled.buffer(1024);
    private final StagedCounter count;
    private final StagedCounter dataSize;
    private long nextPosition;
    private boolean dropped;
    // The position and stored length of the document read last: an update reads the document, then replaces it,
    // and the replacement's change in data size needs the old length without reading the value once more.
    private long lastReadPosition = -1;
    private int lastReadLength;

    RocksDocuments(RocksStorage storage, int id, byte[] recordKey, boolean existing) {
        this.storage = storage;
        this.db = storage.db();
        this.family = storage.documentsFamily();
        this.id = id;
        this.prefix = new KeyEncoding.Bytes(4).putInt(id).toArray();
        this.end = KeyEncoding.successor(prefix);
        this.recordKey = recordKey;
        byte[] record = existing ? RocksStorage.check(() -> db.get(storage.registryFamily(), recordKey)) : null;
        this.count = new StagedCounter(record == null ? 0 : KeyEncoding.readLong(record, 0));
        this.dataSize = new StagedCounter(record == null ? 0 : KeyEncoding.readLong(record, 8));
        if (existing) {
            nextPosition = storage.range(family, prefix, end, true).findFirst()
                .map(entry -> KeyEncoding.readLong(entry[0], 4) + 1).orElse(0L);
        }
    }

    int id() {
        return id;
    }

    RocksStorage storage() {
        return storage;
    }

    /** Adds a write to the pending batch. */
    void put(ColumnFamilyHandle columnFamily, byte[] key, byte[] value) {
        RocksStorage.check(() -> batch.put(columnFamily, key, value));
        batchBytes += key.length + value.length;
        uncommitted = true;
    }

    void delete(ColumnFamilyHandle columnFamily, byte[] key) {
        RocksStorage.check(() -> batch.delete(columnFamily, key));
        batchBytes += key.length;
        uncommitted = true;
    }

    /** The stored value as the pending writes leave it. */
    byte[] read(ColumnFamilyHandle columnFamily, byte[] key) {
        if (batch.count() == 0) {
            return RocksStorage.check(() -> db.get(columnFamily, key));
        }
        return RocksStorage.check(() -> batch.getFromBatchAndDB(db, columnFamily, readOptions, key));
    }

    /** The index of that name opened on this collection, so that creating an existing index again finds it. */
    RocksIndex index(String name) {
        return indexes.get(name);
    }

    void indexOpened(RocksIndex index) {
        indexes.put(index.getName(), index);
    }

    void indexDropped(RocksIndex index) {
        indexes.remove(index.getName(), index);
        changedIndexes.remove(index);
    }

    /** Called by an index whose counters the pending batch changes, so they are written with it. */
    void indexChanged(RocksIndex index) {
        if (!changedIndexes.contains(index)) {
            changedIndexes.add(index);
        }
    }

    @Override
    public Long add(Document document) {
        long position = nextPosition++;
        byte[] bson = encode(document);
        put(family, key(position), bson);
        count.add(1);
        dataSize.add(bson.length);
        return position;
    }

    @Override
    public Document get(Long position) {
        byte[] bson = read(family, key(position));
        if (bson == null) {
            return null;
        }
        lastReadPosition = position;
        lastReadLength = bson.length;
        return decode(bson);
    }

    @Override
    public void replace(Long position, Document document) {
        byte[] key = key(position);
        byte[] bson = encode(document);
        dataSize.add(bson.length - storedLength(position, key));
        put(family, key, bson);
        lastReadPosition = position;
        lastReadLength = bson.length;
    }

    @Override
    public void remove(Long position) {
        byte[] key = key(position);
        dataSize.add(-storedLength(position, key));
        delete(family, key);
        count.add(-1);
        lastReadPosition = -1;
    }

    @Override
    public int count() {
        return (int) count.value();
    }

    @Override
    public long dataSize() {
        return dataSize.value();
    }

    /** Reads what is stored: the pending writes of completed documents are applied first. */
    @Override
    public Stream<DocumentWithPosition<Long>> all(boolean reverse) {
        flush();
        return storage.range(family, prefix, end, reverse)
            .map(entry -> new DocumentWithPosition<>(decode(entry[1]), KeyEncoding.readLong(entry[0], 4)));
    }

    @Override
    public void commit() {
        count.complete();
        dataSize.complete();
        for (RocksIndex index : changedIndexes) {
            index.countersCompleted();
        }
        if (hasSavePoint) {
            RocksStorage.check(batch::popSavePoint);
        }
        batch.setSavePoint();
        hasSavePoint = true;
        uncommitted = false;
        if (batchBytes > FLUSH_BYTES) {
            flush();
        }
    }

    @Override
    public void discard() {
        // a rollback may restore an older value at the position read last
        lastReadPosition = -1;
        count.discard();
        dataSize.discard();
        for (RocksIndex index : changedIndexes) {
            index.countersDiscarded();
        }
        if (!uncommitted) {
            return;
        }
        uncommitted = false;
        // rolling back rebuilds the batch's index, so it happens only after a failure, never per document
        if (hasSavePoint) {
            RocksStorage.check(batch::rollbackToSavePoint);
            batch.setSavePoint();
        } else {
            batch.clear();
            batchBytes = 0;
            changedIndexes.clear();
        }
    }

    @Override
    public void flush() {
        // a command that began before the collection was dropped ends on it afterwards
        if (dropped || batch.count() == 0 && changedIndexes.isEmpty()) {
            return;
        }
        if (count.hasCompletedChanges() || dataSize.hasCompletedChanges()) {
            put(storage.registryFamily(), recordKey, new KeyEncoding.Bytes(16).putLong(count.completedValue())
                .putLong(dataSize.completedValue()).toArray());
        }
        for (RocksIndex index : changedIndexes) {
            put(storage.registryFamily(), index.recordKey(), index.completedRecord());
        }
        storage.write(batch);
        count.apply();
        dataSize.apply();
        for (RocksIndex index : changedIndexes) {
            index.countersApplied();
        }
        changedIndexes.clear();
        batch.clear();
        batchBytes = 0;
        hasSavePoint = false;
        uncommitted = false;
    }

    @Override
    public void coverAppliedWrites() {
        storage.coverAppliedWrites();
    }

    @Override
    public void drop() {
        discard();
        flush();
        if (!dropped) {
            dropped = true;
            count.reset();
            dataSize.reset();
            storage.collectionDropped(this);
            close();
        }
    }

    void close() {
        batch.close();
        readOptions.close();
    }

    private byte[] key(long position) {
        return new KeyEncoding.Bytes(12).put(prefix).putLong(position).toArray();
    }

    private long storedLength(long position, byte[] key) {
        if (position == lastReadPosition) {
            return lastReadLength;
        }
        byte[] stored = read(family, key);
        return stored == null ? 0 : stored.length;
    }

    private byte[] encode(Document document) {
        encoder.clear();
        BsonEncoder.encodeDocument(document, encoder);
        byte[] bson = new byte[encoder.readableBytes()];
        encoder.readBytes(bson);
        return bson;
    }

    static Document decode(byte[] bson) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    /** Calls {@code action} with every registry record whose key starts with {@code prefix}. */
    static void forEachRecord(RocksDB db, ColumnFamilyHandle family, byte[] prefix, BiConsumer<byte[], byte[]> action) {
        try (Stream<byte[][]> records = KeyRange.stream(db, family, prefix, KeyEncoding.successor(prefix), false)) {
            records.forEach(record -> action.accept(record[0], record[1]));
        }
    }
}
