package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/** mongo-java-server's in-memory backend with indexes that answer equality, {@code $in}, range and sort queries. */
public class IndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new IndexedMemoryDatabase(databaseName, getCursorRegistry());
    }

    /** Documents the collection's queries have fetched so far; for tests that must see an index being used. */
    public long documentsExamined(String databaseName, String collectionName) {
        return ExaminationCounter.of(resolveDatabase(databaseName), collectionName);
    }
}
