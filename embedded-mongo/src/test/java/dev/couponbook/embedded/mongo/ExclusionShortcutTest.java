package dev.couponbook.embedded.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tracking-poll shaped queries with a long {@code $nin} of event ids answer exactly as plain
 * mongo-java-server does, including documents whose field is an array, a number or missing.
 */
class ExclusionShortcutTest {

    @ParameterizedTest
    @EnumSource(Backends.class)
    void canAnswerLongStringExclusionsAsMongoJavaServerDoes(Backends backend, @TempDir Path directory) throws Exception {
        Random random = new Random(42);
        try (TestServer indexed = new TestServer(backend.start(directory));
             TestServer plain = new TestServer(new MemoryBackend())) {
            MongoCollection<Document> fast = indexed.collection("db", "events");
            MongoCollection<Document> reference = plain.collection("db", "events");
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                Document document = new Document("_id", i).append("timestamp", random.nextInt(500));
                switch (random.nextInt(10)) {
                    case 0 -> document.append("eventIdentifier", List.of("e" + random.nextInt(3_000), "x" + i));
                    case 1 -> document.append("eventIdentifier", random.nextInt(3_000));
                    case 2 -> { }
                    default -> document.append("eventIdentifier", "e" + random.nextInt(3_000));
                }
                documents.add(document);
            }
            fast.insertMany(documents);
            reference.insertMany(documents);
            fast.createIndex(Indexes.ascending("timestamp", "_id"));
            reference.createIndex(Indexes.ascending("timestamp", "_id"));

            for (int round = 0; round < 30; round++) {
                List<String> excluded = new ArrayList<>();
                for (int i = 0, n = 16 + random.nextInt(400); i < n; i++) {
                    excluded.add("e" + random.nextInt(3_000));
                }
                Bson timestamp = Filters.gte("timestamp", random.nextInt(500));
                Bson exclusion = Filters.nin("eventIdentifier", excluded);
                for (Bson query : List.of(Filters.and(timestamp, exclusion),
                        new Document("$and", List.of(timestamp, exclusion)), exclusion)) {
                    assertThat(ids(fast, query)).as("round %d, %s", round, query).isEqualTo(ids(reference, query))
                            .isNotEmpty();
                }
            }
        }
    }

    private static List<Object> ids(MongoCollection<Document> collection, Bson query) {
        List<Object> ids = new ArrayList<>();
        collection.find(query).sort(Sorts.ascending("timestamp", "_id")).batchSize(50).forEach(document -> ids.add(document.get("_id")));
        return ids;
    }
}
