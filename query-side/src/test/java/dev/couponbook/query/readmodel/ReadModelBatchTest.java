package dev.couponbook.query.readmodel;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A batch's writes reach the store once, in the order they were made, whatever was stored before. */
class ReadModelBatchTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> entries;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        entries = client.getDatabase("batch").getCollection("entries");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canInsertTheNewDocumentsOfABatchDeliveredAgainAndLeaveTheOthersAsTheyAre() {
        inOneUnitOfWork(batch -> {
            batch.insertOnce(entries, new Document("_id", "a").append("n", 1));
            batch.insertOnce(entries, new Document("_id", "b").append("n", 1));
        });

        inOneUnitOfWork(batch -> {
            batch.insertOnce(entries, new Document("_id", "a").append("n", 2));
            batch.insertOnce(entries, new Document("_id", "b").append("n", 2));
            batch.insertOnce(entries, new Document("_id", "c").append("n", 2));
        });

        assertThat(entries.find().into(new ArrayList<>())).extracting(entry -> entry.getString("_id") + entry.getInteger("n"))
                .containsExactlyInAnyOrder("a1", "b1", "c2");
    }

    @Test
    void canApplyInsertsAndUpdatesOfOneCollectionInTheOrderTheyWereMade() {
        inOneUnitOfWork(batch -> {
            batch.write(entries, new UpdateOneModel<>(Filters.eq("_id", "a"), Updates.set("n", 0)));
            batch.insertOnce(entries, new Document("_id", "a").append("n", 1).append("log", List.of()));
            batch.write(entries, new UpdateOneModel<>(Filters.eq("_id", "a"), Updates.push("log", "updated after the insert")));
            batch.insertOnce(entries, new Document("_id", "a").append("n", 3));
        });

        Document stored = entries.find(Filters.eq("_id", "a")).first();
        assertThat(stored.getInteger("n")).as("the update before the insert found nothing").isOne();
        assertThat(stored.getList("log", String.class)).containsExactly("updated after the insert");
    }

    @Test
    void canTakeTheDuplicateKeyOfAGuardedUpsertAsAppliedAndApplyTheWritesAfterIt() {
        inOneUnitOfWork(batch -> batch.upsertUnlessApplied(entries, Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 1)),
                Updates.combine(Updates.set("version", 1), Updates.inc("n", 1))));

        inOneUnitOfWork(batch -> {
            batch.upsertUnlessApplied(entries, Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 1)),
                    Updates.combine(Updates.set("version", 1), Updates.inc("n", 1)));
            batch.upsertUnlessApplied(entries, Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 2)),
                    Updates.combine(Updates.set("version", 2), Updates.inc("n", 10)));
            batch.write(entries, new UpdateOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 3)),
                    Updates.combine(Updates.set("version", 3), Updates.push("log", "after"))));
        });

        Document stored = entries.find(Filters.eq("_id", "a")).first();
        assertThat(stored.getInteger("n")).isEqualTo(11);
        assertThat(stored.getList("log", String.class)).containsExactly("after");
        assertThat(stored.getInteger("version")).isEqualTo(3);
    }

    @Test
    void canSendAnUpsertRefusedWithADuplicateKeyAgainWithoutTheUpsertSoItsGuardAloneDecides() {
        entries.insertOne(new Document("_id", "a").append("version", 1));
        List<BsonDocument> updates = new ArrayList<>();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.getConnectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("update")) {
                            event.getCommand().getArray("updates").forEach(update -> updates.add(update.asDocument().clone()));
                        }
                    }
                }).build();
        try (MongoClient watched = MongoClients.create(settings)) {
            MongoCollection<Document> same = watched.getDatabase("batch").getCollection("entries");
            inOneUnitOfWork(batch -> batch.upsertUnlessApplied(same, Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 1)),
                    Updates.combine(Updates.set("version", 1), Updates.inc("n", 1))));
        }

        assertThat(updates).extracting(update -> update.getBoolean("upsert", BsonBoolean.FALSE).getValue()).containsExactly(true, false);
        assertThat(entries.find(Filters.eq("_id", "a")).first().get("n")).as("the guard found it applied").isNull();
    }

    @Test
    void cannotTakeTheDuplicateKeyOfAnUpsertWrittenAsAnyOtherAsApplied() {
        entries.insertOne(new Document("_id", "a").append("version", 5));

        UpdateOneModel<Document> plainUpsert = new UpdateOneModel<>(Filters.and(Filters.eq("_id", "a"), Filters.lt("version", 1)),
                Updates.set("version", 1), new UpdateOptions().upsert(true));

        assertThatThrownBy(() -> inOneUnitOfWork(batch -> batch.write(entries, plainUpsert)))
                .hasMessageContaining("read-model writes failed");
        assertThat(entries.find(Filters.eq("_id", "a")).first().getInteger("version")).isEqualTo(5);
    }

    private static void inOneUnitOfWork(Consumer<ReadModelBatch> writes) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        writes.accept(ReadModelBatch.current());
        unitOfWork.commit();
    }
}
