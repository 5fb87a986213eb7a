package dev.couponbook.command.code;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.couponbook.command.code.CodeRegistry.Refusal;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry on a MongoDB server: the primary key sorts free codes from held ones. */
class MongoCodeRegistryTest {

    private static final Instant EXPIRY = Instant.parse("2027-03-01T12:00:00.250Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private MongoCodeRegistry registry;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "registry");
        registry = new MongoCodeRegistry(mongo);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canClaimFreeCodesWithTheirBatchAndExpiry() {
        CodeRegistry.Claim claim = registry.claim("book-a", "batch-1", List.of("A1", "B2"), Map.of("A1", EXPIRY));

        assertThat(claim.claimed()).containsExactly("A1", "B2");
        assertThat(claim.refused()).isEmpty();
        assertThat(mongo.getCollection(MongoCodeRegistry.COLLECTION).find(new Document("_id", "A1")).first())
            .isEqualTo(new Document("_id", "A1").append("bookId", "book-a").append("batchId", "batch-1")
                .append("expiresAt", Date.from(EXPIRY)));
        assertThat(registry.bookOf("B2")).isEqualTo("book-a");
        assertThat(registry.expiryOf("A1")).isEqualTo(EXPIRY);
        assertThat(registry.expiryOf("B2")).isNull();
    }

    @Test
    void canClaimTheSameCodesForTheSameBatchAgain() {
        registry.claim("book-a", "batch-1", List.of("A1", "B2"), Map.of());

        CodeRegistry.Claim repeat = registry.claim("book-a", "batch-1", List.of("A1", "B2"), Map.of());

        assertThat(repeat.claimed()).containsExactly("A1", "B2");
        assertThat(repeat.refused()).isEmpty();
    }

    @Test
    void cannotClaimCodesAnotherBatchHolds() {
        registry.claim("book-a", "batch-1", List.of("A1", "B2"), Map.of());
        registry.claim("book-b", "batch-2", List.of("C3"), Map.of());

        CodeRegistry.Claim claim = registry.claim("book-a", "batch-3", List.of("D4", "A1", "C3", "E5"), Map.of());

        assertThat(claim.claimed()).containsExactly("D4", "E5");
        assertThat(claim.refused()).containsExactly(Map.entry("A1", Refusal.USED_BY_THIS_BOOK),
            Map.entry("C3", Refusal.USED_BY_ANOTHER_BOOK));
        assertThat(registry.bookOf("C3")).isEqualTo("book-b");
    }
}
