package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;

import java.util.List;
import java.util.Set;

/**
 * Where an {@link IndexedDatabase} keeps its collections and indexes: on the heap, or in RocksDB. Collections and
 * indexes are named by the collection's full namespace ({@code database.collection}).
 *
 * @param <P> the document position type of its stores
 */
interface Storage<P> extends AutoCloseable {

    /** The databases that hold data already, to be opened with the backend. */
    Set<String> databaseNames();

    DocumentStore<P> openDocuments(String namespace);

    Index<P> openIndex(String namespace, String indexName, List<IndexKey> keys, boolean sparse, boolean unique);

    /** Called once a database has opened every collection and index it lists, to forget anything it did not. */
    void databaseOpened(String databaseName);

    void renameCollection(String oldNamespace, String newNamespace);

    /** Bytes on disk, 0 in memory. */
    long storageSize();

    @Override
    void close();
}
