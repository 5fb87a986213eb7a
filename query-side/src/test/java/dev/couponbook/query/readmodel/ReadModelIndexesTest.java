package dev.couponbook.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Indexes are declared with their collection and ensured at start-up, again and again without harm. */
class ReadModelIndexesTest {

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "indexes");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canEnsureTheDeclaredIndexesOfACollectionMoreThanOnce() {
        ReadModelCollection collection = new ReadModelCollection("things", List.of(
                new IndexModel(Indexes.ascending("bookId"), new IndexOptions().name("bookId"))));

        collection.ensureIndexes(mongo);
        collection.ensureIndexes(mongo);

        assertThat(indexNames("things")).containsExactlyInAnyOrder("_id_", "bookId");
    }

    @Test
    void canEnsureEveryReadModelsIndexesAtStartUp() {
        new ReadModelIndexes(mongo).afterSingletonsInstantiated();

        assertThat(ReadModelIndexes.INDEXED).extracting(ReadModelCollection::name)
                .containsExactlyInAnyOrder("coupon_books", "user_coupons", "transactions", "book_stats_buckets", "book_codes",
                        "transaction_metadata");
        // The in-memory server keeps single-field indexes only; the buckets' one stands for all.
        assertThat(indexNames("book_stats_buckets")).contains("bookId");
    }

    private List<String> indexNames(String collection) {
        return mongo.getCollection(collection).listIndexes().map(index -> index.getString("name")).into(new ArrayList<>());
    }
}
