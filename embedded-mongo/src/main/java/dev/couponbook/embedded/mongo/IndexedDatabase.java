package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

import java.util.ArrayList;
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
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if ("dropIndexes".equalsIgnoreCase(command) && "*".equals(query.get("index"))) {
            return dropAllIndexes(channel, query, databaseResolver, oplog);
        }
        IndexedCollection<P> collection = manyStatementsOn(command, query);
        if (collection == null) {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        collection.beginCommand(!Boolean.FALSE.equals(query.get("ordered")));
        try {
            return withoutStatementsNotApplied(super.handleCommand(channel, command, query, databaseResolver, oplog));
        } finally {
            collection.endCommand();
        }
    }

    /** MongoDB reports only the error that stopped an ordered command, not the statements it then left alone. */
    private static Document withoutStatementsNotApplied(Document reply) {
        if (reply.get("writeErrors") instanceof List<?> errors) {
            List<Object> reported = new ArrayList<>();
            for (Object error : errors) {
                if (!(error instanceof Document document && IndexedCollection.NOT_APPLIED.equals(document.get("codeName")))) {
                    reported.add(error);
                }
            }
            reply.put("writeErrors", reported);
        }
        return reply;
    }

    /**
     * The existing collection an update, delete or insert command of more than one statement (document) writes to,
     * or null. mongo-java-server applies such a command statement by statement, and each would be its own store
     * write: a read model's bulk update of 500 documents was 500 writes to the log.
     */
    private IndexedCollection<P> manyStatementsOn(String command, Document query) {
        String statements = "update".equalsIgnoreCase(command) ? "updates" : "delete".equalsIgnoreCase(command) ? "deletes"
            : "insert".equalsIgnoreCase(command) ? "documents" : null;
        if (statements == null || !(query.get(statements) instanceof List<?> list) || list.size() < 2
            || !(query.get(command) instanceof String name)) {
            return null;
        }
        try {
            return resolveCollection(name, false) instanceof IndexedCollection<P> collection ? collection : null;
        } catch (MongoServerException invalidName) {
            // left to the command, which reports it per statement
            return null;
        }
    }

    /**
     * {@code dropIndexes} with {@code "*"}: mongo-java-server walks the indexes of every collection in the database
     * and fails on the first that is not the named collection's, so each of that collection's own secondary indexes
     * is dropped by its key instead (JobRunr's schema migrations use it).
     */
    private Document dropAllIndexes(Channel channel, Document query, DatabaseResolver databaseResolver, Oplog oplog) {
        String collectionName = (String) query.get("dropIndexes");
        List<Object> keys = new ArrayList<>();
        for (Document index : indexes.get().handleQuery(new Document("ns", getFullCollectionNamespace(collectionName)))) {
            if (!"_id_".equals(index.get("name"))) {
                keys.add(index.get("key"));
            }
        }
        Document reply = new Document("ok", 1.0);
        for (Object key : keys) {
            reply = super.handleCommand(channel, "dropIndexes",
                new Document("dropIndexes", collectionName).append("index", key), databaseResolver, oplog);
        }
        return reply;
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
