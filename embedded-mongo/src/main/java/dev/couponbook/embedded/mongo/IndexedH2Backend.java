package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** mongo-java-server's H2 file backend with in-memory indexes, rebuilt on open, that answer range and sort queries. */
public class IndexedH2Backend extends H2Backend {

    /** Opens, or creates, the H2 file; existing databases and their indexes are loaded right away. */
    public IndexedH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Documents the collection's queries have fetched so far; for tests that must see an index being used. */
    public long documentsExamined(String databaseName, String collectionName) {
        return ExaminationCounter.of(resolveDatabase(databaseName), collectionName);
    }
}
