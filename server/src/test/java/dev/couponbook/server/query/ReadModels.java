package dev.couponbook.server.query;

import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.query.readmodel.ReadModelStatus;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test access to the read models: wait for them, and copy their documents for comparison. */
final class ReadModels {

    /** The read-model collections, each as its projection writes it. */
    static final List<String> COLLECTIONS = List.of("coupon_books", "user_coupons", "transactions", "book_stats");

    private ReadModels() {
    }

    static void awaitAll(ReadModelStatus status) {
        ReadModelProcessing.PROJECTIONS.forEach(group -> status.awaitCaughtUp(group, Duration.ofSeconds(20)));
    }

    /**
     * Every document of every read model, sorted by id. The stats' {@code appliedThrough} is the
     * processor's bookkeeping (a tracking token), not part of the model, so it is left out.
     */
    static Map<String, List<Document>> snapshot(MongoTemplate mongo) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> documents = mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
            documents.forEach(document -> document.remove("appliedThrough"));
            snapshot.put(collection, documents);
        }
        return snapshot;
    }
}
