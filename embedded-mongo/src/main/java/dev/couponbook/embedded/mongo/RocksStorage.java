package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.IndexType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksObject;
import org.rocksdb.Status;
import org.rocksdb.TableProperties;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Collections and indexes in one RocksDB database. Three column families: {@code documents} (BSON, keyed by
 * collection id and position), {@code indexes} (order-preserving encoded keys, see {@link KeyEncoding}, keyed by
 * index id) and the default one for the registry: which namespace has which collection id, each collection's
 * count and data size, each index's id and counters. A document's writes and the counters they change go into
 * one write batch, so a reopened store is consistent without rebuilding anything.
 *
 * <p>Writes go to the write-ahead log unsynced; {@link GroupCommit} syncs it for all waiting writers at once.
 */
final class RocksStorage implements Storage<Long> {

    private static final Logger log = LoggerFactory.getLogger(RocksStorage.class);

    private static final byte[] DOCUMENTS_FAMILY = "documents".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INDEXES_FAMILY = "indexes".getBytes(StandardCharsets.UTF_8);
    private static final byte NAMESPACE_RECORD = 'n';
    private static final byte COLLECTION_RECORD = 'c';
    private static final byte INDEX_RECORD = 'i';

    static {
        RocksDB.loadLibrary();
    }

    private static final long BLOCK_CACHE_BYTES = 64L << 20;

    private final Path directory;
    private final List<RocksObject> resources = new ArrayList<>();
    private final Cache cache;
    private final RocksDB db;
    private final ColumnFamilyHandle registry;
    private final ColumnFamilyHandle documents;
    private final ColumnFamilyHandle indexes;
    private final WriteOptions writeOptions;
    private final GroupCommit groupCommit;
    private final Map<String, Integer> collectionIds = new ConcurrentHashMap<>();
    private final Map<String, RocksDocuments> openCollections = new ConcurrentHashMap<>();
    // index records found on open, by collection id and index name, until their index is opened again
    private final Map<Integer, Map<String, byte[]>> storedIndexes = new ConcurrentHashMap<>();
    private int nextId = 1;

    private RocksStorage(Path directory, StoreOptions options) throws RocksDBException {
        this.directory = directory;
        // half of it is kept for index and filter partitions, so a scan over large documents cannot push them out
        this.cache = own(new LRUCache(BLOCK_CACHE_BYTES, -1, false, 0.5));
        DBOptions dbOptions = own(new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            .setBytesPerSync(1L << 20)
            .setMaxTotalWalSize(256L << 20)
            .setDbWriteBufferSize(128L << 20)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
            .setKeepLogFileNum(2)
            .setMaxLogFileSize(1L << 20)
            .setStatsDumpPeriodSec(0));
        List<ColumnFamilyDescriptor> families = List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions(cache, false)),
            new ColumnFamilyDescriptor(DOCUMENTS_FAMILY, familyOptions(cache, true)),
            new ColumnFamilyDescriptor(INDEXES_FAMILY, familyOptions(cache, true)));
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            this.db = RocksDB.open(dbOptions, directory.toString(), families, handles);
        } catch (RocksDBException e) {
            resources.forEach(RocksObject::close);
            throw e;
        }
        this.registry = handles.get(0);
        this.documents = handles.get(1);
        this.indexes = handles.get(2);
        this.writeOptions = own(new WriteOptions().setSync(false));
        this.groupCommit = new GroupCommit(() -> db.flushWal(true), options.durability() == StoreOptions.Durability.FSYNC);
        loadRegistry();
    }

    /**
     * Index and filter are partitioned: a file's whole index and Bloom filter grow with its keys (megabytes for a
     * file of a million codes), and a lookup that found them evicted from the cache read and inserted all of it
     * again, so past about 10^6 codes every lookup copied megabytes. A lookup now reads one small partition; only
     * the top level of each file stays pinned. {@code pointLookups}: the family is read by key (both documents
     * and indexes are: a unique index is checked by key on every insert, mostly for keys it does not hold, which
     * a filter answers without reading a data block).
     */
    private ColumnFamilyOptions familyOptions(Cache cache, boolean pointLookups) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setBlockSize(16 << 10)
            .setIndexType(IndexType.kTwoLevelIndexSearch)
            .setPartitionFilters(true)
            .setMetadataBlockSize(4 << 10)
            .setCacheIndexAndFilterBlocks(true)
            .setCacheIndexAndFilterBlocksWithHighPriority(true)
            .setPinTopLevelIndexAndFilter(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setFormatVersion(5);
        if (pointLookups) {
            table.setFilterPolicy(own(new BloomFilter(10)));
        }
        return own(new ColumnFamilyOptions()
            .setWriteBufferSize(32L << 20)
            .setMaxWriteBufferNumber(3)
            .setLevelCompactionDynamicLevelBytes(true)
            .setCompressionType(CompressionType.LZ4_COMPRESSION)
            .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
            .setTableFormatConfig(table));
    }

    private <T extends RocksObject> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * Opens, or creates, the store in {@code directory}. RocksDB's LOCK file keeps a second process (or a second
     * opening in this one) out, and that is reported as such.
     */
    static RocksStorage open(Path directory, StoreOptions options) {
        try {
            Files.createDirectories(directory);
            return new RocksStorage(directory, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RocksDBException e) {
            Status status = e.getStatus();
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (status != null && status.getCode() == Status.Code.IOError && message.toLowerCase().contains("lock")) {
                throw new IllegalStateException("The embedded MongoDB store in " + directory + " is already in use"
                    + " (its LOCK file is held by another process, or opened twice in this one); stop the other"
                    + " service or give this one another couponbook.embedded.data-dir", e);
            }
            throw new IllegalStateException("Cannot open the embedded MongoDB store in " + directory + ": " + message, e);
        }
    }

    private void loadRegistry() {
        RocksDocuments.forEachRecord(db, registry, new byte[] {NAMESPACE_RECORD}, (key, value) -> {
            String namespace = new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
            int id = KeyEncoding.readInt(value, 0);
            collectionIds.put(namespace, id);
            nextId = Math.max(nextId, id + 1);
        });
        RocksDocuments.forEachRecord(db, registry, new byte[] {INDEX_RECORD}, (key, value) -> {
            int collectionId = KeyEncoding.readInt(key, 1);
            String name = new String(key, 5, key.length - 5, StandardCharsets.UTF_8);
            storedIndexes.computeIfAbsent(collectionId, id -> new ConcurrentHashMap<>()).put(name, value);
            nextId = Math.max(nextId, RocksIndex.idOf(value) + 1);
        });
    }

    @Override
    public Set<String> databaseNames() {
        Set<String> names = new TreeSet<>();
        for (String namespace : collectionIds.keySet()) {
            names.add(namespace.substring(0, namespace.indexOf('.')));
        }
        return names;
    }

    @Override
    public synchronized DocumentStore<Long> openDocuments(String namespace) {
        Integer existing = collectionIds.get(namespace);
        int id;
        if (existing != null) {
            id = existing;
        } else {
            id = nextId++;
            collectionIds.put(namespace, id);
            putRecord(namespaceKey(namespace), new KeyEncoding.Bytes(4).putInt(id).toArray());
        }
        RocksDocuments store = new RocksDocuments(this, id, collectionRecordKey(id), existing != null);
        openCollections.put(namespace, store);
        return store;
    }

    @Override
    public synchronized Index<Long> openIndex(String namespace, String indexName, List<IndexKey> keys, boolean sparse,
                                              boolean unique) {
        RocksDocuments collection = openCollections.get(namespace);
        if (collection == null) {
            throw new IllegalStateException("Index " + indexName + " on " + namespace + " before its collection");
        }
        RocksIndex open = collection.index(indexName);
        if (open != null) {
            return open;
        }
        byte[] recordKey = indexRecordKey(collection.id(), indexName);
        Map<String, byte[]> stored = storedIndexes.get(collection.id());
        byte[] record = stored == null ? null : stored.remove(indexName);
        RocksIndex index = record != null
            ? RocksIndex.reopen(collection, recordKey, record, indexName, keys, sparse, unique)
            : RocksIndex.create(collection, recordKey, nextId++, indexName, keys, sparse, unique);
        collection.indexOpened(index);
        return index;
    }

    /** Indexes and collections of the database that its catalog no longer lists, left by a crash halfway through. */
    @Override
    public synchronized void databaseOpened(String databaseName) {
        String prefix = databaseName + ".";
        for (Map.Entry<String, Integer> entry : new ArrayList<>(collectionIds.entrySet())) {
            String namespace = entry.getKey();
            if (!namespace.startsWith(prefix)) {
                continue;
            }
            int id = entry.getValue();
            Map<String, byte[]> leftOver = storedIndexes.remove(id);
            if (leftOver != null) {
                for (Map.Entry<String, byte[]> index : leftOver.entrySet()) {
                    log.warn("Removing index {} of {} that its catalog does not list", index.getKey(), namespace);
                    deleteIndexEntries(RocksIndex.idOf(index.getValue()));
                    delete(indexRecordKey(id, index.getKey()));
                }
            }
            if (!openCollections.containsKey(namespace)) {
                log.warn("Removing collection {} that its catalog does not list", namespace);
                dropCollection(namespace, id);
            }
        }
    }

    @Override
    public synchronized void renameCollection(String oldNamespace, String newNamespace) {
        Integer id = collectionIds.remove(oldNamespace);
        RocksDocuments store = openCollections.remove(oldNamespace);
        if (id == null) {
            return;
        }
        collectionIds.put(newNamespace, id);
        if (store != null) {
            openCollections.put(newNamespace, store);
        }
        try (WriteBatch batch = new WriteBatch()) {
            check(() -> batch.delete(registry, namespaceKey(oldNamespace)));
            check(() -> batch.put(registry, namespaceKey(newNamespace), new KeyEncoding.Bytes(4).putInt(id).toArray()));
            write(batch);
        }
    }

    synchronized void collectionDropped(RocksDocuments store) {
        for (Map.Entry<String, RocksDocuments> entry : new ArrayList<>(openCollections.entrySet())) {
            if (entry.getValue() == store) {
                openCollections.remove(entry.getKey());
                dropCollection(entry.getKey(), store.id());
            }
        }
    }

    private void dropCollection(String namespace, int id) {
        collectionIds.remove(namespace);
        byte[] prefix = new KeyEncoding.Bytes(4).putInt(id).toArray();
        check(() -> db.deleteRange(documents, writeOptions, prefix, KeyEncoding.successor(prefix)));
        try (WriteBatch batch = new WriteBatch()) {
            check(() -> batch.delete(registry, namespaceKey(namespace)));
            check(() -> batch.delete(registry, collectionRecordKey(id)));
            write(batch);
        }
    }

    void deleteIndexEntries(int indexId) {
        byte[] prefix = new KeyEncoding.Bytes(4).putInt(indexId).toArray();
        check(() -> db.deleteRange(indexes, writeOptions, prefix, KeyEncoding.successor(prefix)));
        groupCommit.written();
    }

    @Override
    public long storageSize() {
        long size = 0;
        for (ColumnFamilyHandle family : List.of(registry, documents, indexes)) {
            size += check(() -> db.getLongProperty(family, "rocksdb.total-sst-files-size"));
        }
        return size;
    }

    /** Bytes the block cache holds now. */
    long blockCacheUsage() {
        return cache.getUsage();
    }

    /** Bytes of the index and filter blocks of every data file of the documents and indexes families. */
    long indexAndFilterSize() {
        long size = 0;
        for (ColumnFamilyHandle family : List.of(documents, indexes)) {
            for (TableProperties table : check(() -> db.getPropertiesOfAllTables(family)).values()) {
                size += table.getIndexSize() + table.getFilterSize();
            }
        }
        return size;
    }

    /** Bytes of the live data files, after compaction what the data really takes. */
    long liveDataSize() {
        long size = 0;
        for (ColumnFamilyHandle family : List.of(registry, documents, indexes)) {
            size += check(() -> db.getLongProperty(family, "rocksdb.live-sst-files-size"));
        }
        return size;
    }

    /** Writes the memtables out and compacts everything, so overwritten and deleted data leaves the files. */
    void compact() {
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true);
             CompactRangeOptions options = new CompactRangeOptions()
                 .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForceOptimized)) {
            check(() -> db.flush(flush, List.of(registry, documents, indexes)));
            for (ColumnFamilyHandle family : List.of(registry, documents, indexes)) {
                check(() -> db.compactRange(family, null, null, options));
            }
        }
    }

    GroupCommit groupCommit() {
        return groupCommit;
    }

    Path directory() {
        return directory;
    }

    RocksDB db() {
        return db;
    }

    ColumnFamilyHandle documentsFamily() {
        return documents;
    }

    ColumnFamilyHandle indexesFamily() {
        return indexes;
    }

    ColumnFamilyHandle registryFamily() {
        return registry;
    }

    /** Applies a batch to the store, unsynced, and takes the calling thread's durability ticket for it. */
    void write(WriteBatchWithIndex batch) {
        check(() -> db.write(writeOptions, batch));
        groupCommit.written();
    }

    private void write(WriteBatch batch) {
        check(() -> db.write(writeOptions, batch));
        groupCommit.written();
    }

    /** See {@link DocumentStore#coverAppliedWrites()}. */
    void coverAppliedWrites() {
        groupCommit.coverApplied();
    }

    /** Writes a registry record on its own. */
    void putRecord(byte[] key, byte[] value) {
        check(() -> db.put(registry, writeOptions, key, value));
        groupCommit.written();
    }

    private void delete(byte[] key) {
        check(() -> db.delete(registry, writeOptions, key));
        groupCommit.written();
    }

    private static byte[] namespaceKey(String namespace) {
        return KeyEncoding.Bytes.of(new byte[] {NAMESPACE_RECORD}).put(namespace.getBytes(StandardCharsets.UTF_8))
            .toArray();
    }

    private static byte[] collectionRecordKey(int id) {
        return new KeyEncoding.Bytes(5).put(COLLECTION_RECORD).putInt(id).toArray();
    }

    private static byte[] indexRecordKey(int collectionId, String indexName) {
        return new KeyEncoding.Bytes(32).put(INDEX_RECORD).putInt(collectionId)
            .put(indexName.getBytes(StandardCharsets.UTF_8)).toArray();
    }

    /** Syncs what is left, writes the memtables to files (so the next open replays no log) and closes. */
    @Override
    public void close() {
        groupCommit.close();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, List.of(registry, documents, indexes));
            db.flushWal(true);
        } catch (RocksDBException e) {
            log.warn("Flushing the embedded MongoDB store in {} on close failed; the log will be replayed", directory, e);
        }
        openCollections.values().forEach(RocksDocuments::close);
        for (ColumnFamilyHandle family : List.of(registry, documents, indexes)) {
            family.close();
        }
        try {
            db.closeE();
        } catch (RocksDBException e) {
            log.warn("Closing the embedded MongoDB store in {} failed", directory, e);
        }
        List<RocksObject> owned = new ArrayList<>(resources);
        Collections.reverse(owned);
        owned.forEach(RocksObject::close);
    }

    interface RocksCall<T> {
        T call() throws RocksDBException;
    }

    interface RocksAction {
        void run() throws RocksDBException;
    }

    static <T> T check(RocksCall<T> call) {
        try {
            return call.call();
        } catch (RocksDBException e) {
            throw new IllegalStateException("Embedded MongoDB store failed: " + e.getMessage(), e);
        }
    }

    static void check(RocksAction action) {
        check(() -> {
            action.run();
            return null;
        });
    }

    Stream<byte[][]> range(ColumnFamilyHandle family, byte[] from, byte[] to, boolean reverse) {
        return KeyRange.stream(db, family, from, to, reverse);
    }
}
