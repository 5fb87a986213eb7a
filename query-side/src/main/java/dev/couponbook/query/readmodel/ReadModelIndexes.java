package dev.couponbook.query.readmodel;

import dev.couponbook.query.code.BookCodeDocument;
import dev.couponbook.query.couponbook.CouponBookDocuments;
import dev.couponbook.query.stats.BookStatsDocuments;
import dev.couponbook.query.transaction.TransactionDocument;
import dev.couponbook.query.usercoupon.UserCouponDocument;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Ensures the indexes of every read model once at start-up, before the processors start, so no
 * projection or query creates them in its constructor and each index is declared once, with its
 * collection.
 */
@Component
public class ReadModelIndexes implements SmartInitializingSingleton {

    /** The collections with indexes of their own; the others are read by {@code _id} only. */
    public static final List<ReadModelCollection> INDEXED = List.of(CouponBookDocuments.COLLECTION,
            UserCouponDocument.COLLECTION, TransactionDocument.COLLECTION, BookStatsDocuments.BUCKETS,
            BookCodeDocument.COLLECTION, TransactionDocument.METADATA_INDEX);

    private final MongoTemplate mongo;

    public ReadModelIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterSingletonsInstantiated() {
        INDEXED.forEach(collection -> collection.ensureIndexes(mongo));
    }
}
