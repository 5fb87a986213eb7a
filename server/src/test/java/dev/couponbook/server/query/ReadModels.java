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

import static org.assertj.core.api.Assertions.assertThat;

/** Test access to the read models: wait for them, and copy their documents for comparison. */
final class ReadModels {

    /** The read-model collections, each as its projection writes it. */
    static final List<String> COLLECTIONS = List.of("coupon_books", "user_coupons", "transactions", "book_stats", "book_stats_buckets",
            "book_codes", "generation_jobs", "transaction_metadata");

    private ReadModels() {
    }

    static void awaitAll(ReadModelStatus status) {
        ReadModelProcessing.PROJECTIONS.forEach(group -> status.awaitCaughtUp(group, Duration.ofSeconds(20)));
    }

    /** Compares two snapshots collection by collection, so a failure names the documents that differ. */
    static void assertSameReadModels(Map<String, List<Document>> actual, Map<String, List<Document>> expected) {
        expected.forEach((collection, documents) ->
                assertThat(actual.get(collection)).as(collection).containsExactlyElementsOf(documents));
    }

    /** Every document of every read model, sorted by id. */
    static Map<String, List<Document>> snapshot(MongoTemplate mongo) {
        Map<String, List<Document>> snapshot = new LinkedHashMap<>();
        for (String collection : COLLECTIONS) {
            List<Document> documents = mongo.getCollection(collection).find().sort(new Document("_id", 1)).into(new ArrayList<>());
            snapshot.put(collection, documents);
        }
        return snapshot;
    }
}
