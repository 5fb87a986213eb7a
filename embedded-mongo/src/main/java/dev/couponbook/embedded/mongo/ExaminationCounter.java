package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;

/** Lets tests check that a query was answered by an index rather than a scan, without timing anything. */
interface ExaminationCounter {

    /** Documents fetched for matching so far: index candidates, or the whole collection on a full scan. */
    long documentsExamined();

    static long of(MongoDatabase database, String collectionName) {
        Object collection = database.resolveCollection(collectionName, true);
        return ((ExaminationCounter) collection).documentsExamined();
    }
}
