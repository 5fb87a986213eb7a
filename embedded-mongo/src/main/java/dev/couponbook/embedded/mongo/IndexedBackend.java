package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.CursorRegistry;

/**
 * mongo-java-server's command handling on top of a {@link Storage}, with indexes that answer equality,
 * {@code $in}, range and sort queries. Databases that already hold data are opened right away.
 */
public class IndexedBackend extends AbstractMongoBackend {

    private final Storage<?> storage;

    IndexedBackend(Storage<?> storage) {
        this.storage = storage;
        for (String databaseName : storage.databaseNames()) {
            resolveDatabase(databaseName);
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return open(databaseName, getCursorRegistry(), storage);
    }

    private static <P> MongoDatabase open(String databaseName, CursorRegistry cursorRegistry, Storage<P> storage) {
        return new IndexedDatabase<>(databaseName, cursorRegistry, storage);
    }

    Storage<?> storage() {
        return storage;
    }

    /** Documents the collection's queries have fetched so far; for tests that must see an index being used. */
    public long documentsExamined(String databaseName, String collectionName) {
        return ExaminationCounter.of(resolveDatabase(databaseName), collectionName).documentsExamined();
    }

    /** Documents read to build indexes of the collection since the backend opened. */
    long documentsIndexedByBuilds(String databaseName, String collectionName) {
        return ExaminationCounter.of(resolveDatabase(databaseName), collectionName).documentsIndexedByBuilds();
    }

    @Override
    public void close() {
        super.close();
        storage.close();
    }
}
