package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;

/**
 * Lets tests check that a query was answered by an index rather than a scan, or an update by the direct path, without
 * timing anything.
 */
interface ExaminationCounter {

    /** Documents fetched for matching so far: index candidates, or the whole collection on a full scan. */
    long documentsExamined();

    /** Documents read to build new indexes so far; zero after reopening a store whose indexes persist. */
    long documentsIndexedByBuilds();

    /** Updates applied as a {@link PlainUpdate} so far, without the generic update path. */
    long plainUpdates();

    static ExaminationCounter of(MongoDatabase database, String collectionName) {
        return (ExaminationCounter) database.resolveCollection(collectionName, true);
    }
}
