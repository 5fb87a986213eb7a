package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;

/** A database whose collections and indexes are kept by a {@link Storage}: on the heap or in RocksDB. */
final class IndexedDatabase<P> extends AbstractSynchronizedMongoDatabase<P> {

    private final Storage<P> storage;

    IndexedDatabase(String databaseName, CursorRegistry cursorRegistry, Storage<P> storage) {
        super(databaseName, cursorRegistry);
        this.storage = storage;
        initializeNamespacesAndIndexes();
        storage.databaseOpened(databaseName);
    }

    @Override
    protected MongoCollection<P> openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new IndexedCollection<>(this, collectionName, options, cursorRegistry,
            storage.openDocuments(getFullCollectionNamespace(collectionName)));
    }

    @Override
    protected Index<P> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                               boolean sparse) {
        return storage.openIndex(getFullCollectionNamespace(collectionName), indexName, keys, sparse, true);
    }

    @Override
    protected Index<P> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                  boolean sparse) {
        return storage.openIndex(getFullCollectionNamespace(collectionName), indexName, keys, sparse, false);
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldNamespace = collection.getFullName();
        super.moveCollection(oldDatabase, collection, newCollectionName);
        storage.renameCollection(oldNamespace, getFullCollectionNamespace(newCollectionName));
    }

    /** Creates an index from its description as {@code system.indexes} holds it; for importing another store. */
    void importIndex(Document indexDescription) {
        addIndex(indexDescription);
    }

    @Override
    protected long getStorageSize() {
        return storage.storageSize();
    }

    @Override
    protected long getFileSize() {
        return storage.storageSize();
    }
}
