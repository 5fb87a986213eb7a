package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * One collection's documents in RocksDB as BSON under (collection id, position), positions counting up from the
 * highest one stored. Not thread-safe: the collection calls it under its lock. Writes collect in a batch with the
 * counters they change and are applied together on {@link #commit()}.
 */
final class RocksDocuments implements DocumentStore<Long> {

    private final RocksStorage storage;
    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final int id;
    private final byte[] prefix;
    private final byte[] end;
    private final byte[] recordKey;
    private final WriteBatch batch = new WriteBatch();
    private final Map<String, RocksIndex> indexes = new ConcurrentHashMap<>();
    private final List<RocksIndex> changedIndexes = new ArrayList<>();
    private final ByteBuf encoder = Unpooled.buffer(1024);
    private long nextPosition;
    private long count;
    private long dataSize;
    private long pendingCount;
    private long pendingDataSize;
    private boolean dropped;

    RocksDocuments(RocksStorage storage, int id, byte[] recordKey, boolean existing) {
        this.storage = storage;
        this.db = storage.db();
        this.family = storage.documentsFamily();
        this.id = id;
        this.prefix = new KeyEncoding.Bytes(4).putInt(id).toArray();
        this.end = KeyEncoding.successor(prefix);
        this.recordKey = recordKey;
        if (existing) {
            byte[] record = RocksStorage.check(() -> db.get(storage.registryFamily(), recordKey));
            if (record != null) {
                count = KeyEncoding.readLong(record, 0);
                dataSize = KeyEncoding.readLong(record, 8);
            }
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

    WriteBatch batch() {
        return batch;
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
        RocksStorage.check(() -> batch.put(family, key(position), encode(document)));
        pendingCount++;
        return position;
    }

    @Override
    public Document get(Long position) {
        byte[] bson = RocksStorage.check(() -> db.get(family, key(position)));
        return bson == null ? null : decode(bson);
    }

    @Override
    public void replace(Long position, Document document) {
        RocksStorage.check(() -> batch.put(family, key(position), encode(document)));
    }

    @Override
    public void remove(Long position) {
        RocksStorage.check(() -> batch.delete(family, key(position)));
        pendingCount--;
    }

    @Override
    public int count() {
        return (int) (count + pendingCount);
    }

    @Override
    public long dataSize() {
        return dataSize + pendingDataSize;
    }

    @Override
    public void addDataSize(long delta) {
        pendingDataSize += delta;
    }

    @Override
    public Stream<DocumentWithPosition<Long>> all(boolean reverse) {
        return storage.range(family, prefix, end, reverse)
            .map(entry -> new DocumentWithPosition<>(decode(entry[1]), KeyEncoding.readLong(entry[0], 4)));
    }

    @Override
    public void commit() {
        if (batch.count() == 0 && changedIndexes.isEmpty()) {
            return;
        }
        if (pendingCount != 0 || pendingDataSize != 0) {
            byte[] record = new KeyEncoding.Bytes(16).putLong(count + pendingCount)
                .putLong(dataSize + pendingDataSize).toArray();
            RocksStorage.check(() -> batch.put(storage.registryFamily(), recordKey, record));
        }
        for (RocksIndex index : changedIndexes) {
            index.writeCounters(batch);
        }
        storage.write(batch);
        count += pendingCount;
        dataSize += pendingDataSize;
        for (RocksIndex index : changedIndexes) {
            index.countersCommitted();
        }
        clearPending();
    }

    @Override
    public void discard() {
        if (batch.count() == 0 && changedIndexes.isEmpty() && pendingCount == 0 && pendingDataSize == 0) {
            return;
        }
        for (RocksIndex index : changedIndexes) {
            index.countersDiscarded();
        }
        clearPending();
    }

    private void clearPending() {
        batch.clear();
        changedIndexes.clear();
        pendingCount = 0;
        pendingDataSize = 0;
    }

    @Override
    public void drop() {
        discard();
        if (!dropped) {
            dropped = true;
            count = 0;
            dataSize = 0;
            storage.collectionDropped(this);
            batch.close();
        }
    }

    void close() {
        if (!dropped) {
            batch.close();
        }
    }

    private byte[] key(long position) {
        return new KeyEncoding.Bytes(12).put(prefix).putLong(position).toArray();
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
