package dev.couponbook.server.axon;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a replica set every Axon unit of work runs in one MongoDB transaction: a command's event
 * append with its subscribing book-terms write, and a processor batch's read-model writes with
 * its token, each carry one session and transaction number and end in one commit. The server here only looks like
 * a replica set (see {@link ReplicaSetLookalike}), so this shows the wiring, not atomicity.
 */
@SpringBootTest(classes = CouponBookServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TransactionWiringTest.RecordCommands.class)
@DirtiesContext
class TransactionWiringTest {

    private static final ReplicaSetLookalike MONGO = new ReplicaSetLookalike();
    private static final List<BsonDocument> COMMANDS = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("couponbook.mongodb.uri", () -> MONGO.connectionString("couponbook"));
        registry.add("couponbook.mongo.transactions", () -> "required");
    }

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    /** Records the commands the service's MongoDB client sends, with their session and transaction fields. */
    @TestConfiguration
    static class RecordCommands {
        @Bean
        MongoClientSettingsBuilderCustomizer recordCommands() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    BsonDocument command = BsonDocument.parse(event.getCommand().toJson());
                    command.put("$commandName", new org.bson.BsonString(event.getCommandName()));
                    COMMANDS.add(command);
                }
            });
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TransactionManager transactionManager;

    @Test
    void canCommitEachUnitOfWorksWritesInOneTransaction() {
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
        ApiClient api = new ApiClient(port);
        String admin = api.token(ApiClient.ADMIN);

        ApiClient.Response created = api.post("/api/v1/coupon-books", admin, Map.of("name", "Transactional"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String bookId = created.json().get("bookId").asText();
        api.await("/api/v1/coupon-books/" + bookId, admin, r -> r.status() == 200);

        BsonDocument append = awaitCommand(c -> name(c).equals("insert") && target(c).equals("domainevents")
                && c.toJson().contains(bookId));
        assertThat(inTransaction(append)).isTrue();
        BsonDocument terms = awaitCommand(c -> target(c).equals("book_terms") && c.toJson().contains(bookId));
        assertThat(sameTransaction(terms, append)).as("the command side's own book terms commit with the events").isTrue();
        assertThat(committed(append)).isTrue();

        BsonDocument projection = awaitCommand(c -> name(c).equals("update") && target(c).equals("coupon_books")
                && c.toJson().contains(bookId));
        assertThat(inTransaction(projection)).isTrue();
        assertThat(COMMANDS).as(summary()).anySatisfy(token -> {
            assertThat(name(token)).isEqualTo("update");
            assertThat(target(token)).isEqualTo("trackingtokens");
            assertThat(sameTransaction(token, projection)).isTrue();
        });
        assertThat(committed(projection)).isTrue();
    }

    @Test
    void cannotFailAWriteInsideAnUploadsTransactionWhenACodeIsHeldElsewhere() {
        ApiClient api = new ApiClient(port);
        String admin = api.token(ApiClient.ADMIN);
        String prefix = "TX" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String first = api.post("/api/v1/coupon-books", admin, Map.of("name", "First")).json().get("bookId").asText();
        String second = api.post("/api/v1/coupon-books", admin, Map.of("name", "Second")).json().get("bookId").asText();
        assertThat(upload(api, admin, first, prefix + "-1\n" + prefix + "-2").json().get("accepted").asInt()).isEqualTo(2);

        ApiClient.Response upload = upload(api, admin, second, prefix + "-2\n" + prefix + "-3");

        assertThat(upload.status()).as(upload.raw()).isEqualTo(200);
        assertThat(upload.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(upload.raw()).contains("USED_BY_ANOTHER_BOOK");
        BsonDocument claim = awaitCommand(c -> name(c).equals("insert") && target(c).equals("code_registry")
                && c.toJson().contains(second));
        assertThat(inTransaction(claim)).isTrue();
        assertThat(claim.getArray("documents")).extracting(doc -> doc.asDocument().getString("_id").getValue())
                .as("only the free code is inserted: a duplicate key would abort the transaction")
                .containsExactly(prefix + "-3");
        assertThat(committed(claim)).isTrue();
    }

    private static ApiClient.Response upload(ApiClient api, String admin, String bookId, String csv) {
        return api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes", admin, csv,
                MediaType.valueOf("text/csv"), HttpHeaders.EMPTY);
    }

    private static BsonDocument awaitCommand(java.util.function.Predicate<BsonDocument> matching) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (BsonDocument command : COMMANDS) {
                if (matching.test(command)) {
                    return command;
                }
            }
            sleep();
        }
        throw new AssertionError("no such command among " + COMMANDS.size());
    }

    /** Whether a commitTransaction for the command's session and transaction number was sent. */
    private static boolean committed(BsonDocument command) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (COMMANDS.stream().anyMatch(c -> name(c).equals("commitTransaction") && c.get("txnNumber").equals(command.get("txnNumber"))
                    && c.get("lsid").equals(command.get("lsid")))) {
                return true;
            }
            sleep();
        }
        return false;
    }

    private static String summary() {
        StringBuilder out = new StringBuilder();
        for (BsonDocument c : COMMANDS) {
            if (c.containsKey("txnNumber") || List.of("update", "insert", "commitTransaction", "findAndModify").contains(name(c))) {
                out.append(name(c)).append(' ').append(target(c)).append(" txn=").append(c.get("txnNumber"))
                        .append(" lsid=").append(c.containsKey("lsid") ? c.get("lsid").hashCode() : null).append('\n');
            }
        }
        return out.toString();
    }

    /** Retryable single writes carry a transaction number too; only a multi-document transaction turns autocommit off. */
    private static boolean inTransaction(BsonDocument command) {
        return command.containsKey("txnNumber") && command.containsKey("autocommit") && !command.getBoolean("autocommit").getValue();
    }

    private static boolean sameTransaction(BsonDocument a, BsonDocument b) {
        return inTransaction(a) && inTransaction(b) && a.get("txnNumber").equals(b.get("txnNumber")) && a.get("lsid").equals(b.get("lsid"));
    }

    private static String name(BsonDocument command) {
        return command.getString("$commandName").getValue();
    }

    private static String target(BsonDocument command) {
        BsonValue value = command.get(name(command));
        return value != null && value.isString() ? value.asString().getValue() : "";
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
