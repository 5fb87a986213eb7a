package dev.couponbook.query.readmodel;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A change is applied by the first delivery of an event only, whatever order later ones come in. */
class SequenceGuardTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> things;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        things = client.getDatabase("guard").getCollection("things");
        things.insertOne(new Document("_id", "a").append(SequenceGuard.VERSION, 0L).append("count", 0));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canApplyAnEventOnceAndSkipItsRedeliveryAndOlderEvents() {
        apply(SequenceGuard.applyOnce("a", 2, Updates.inc("count", 1)));
        apply(SequenceGuard.applyOnce("a", 2, Updates.inc("count", 1)));
        apply(SequenceGuard.applyOnce("a", 1, Updates.inc("count", 1)));

        Document thing = things.find().first();
        assertThat(thing.getInteger("count")).isEqualTo(1);
        assertThat(thing.getLong(SequenceGuard.VERSION)).isEqualTo(2L);
    }

    @Test
    void cannotApplyAChangeWhoseConditionTheDocumentDoesNotMeet() {
        apply(SequenceGuard.applyOnce("a", 1, Filters.eq("count", 5), Updates.inc("count", 1)));

        assertThat(things.find().first().getInteger("count")).isZero();
    }

    @Test
    void canCountAnEventOncePerStreamMark() {
        for (int delivery = 0; delivery < 2; delivery++) {
            things.updateOne(Filters.and(Filters.eq("_id", "a"), SequenceGuard.notYetCounted("seen.c1", 3)),
                    Updates.combine(Updates.inc("count", 1), SequenceGuard.counted("seen.c1", 3)));
            things.updateOne(Filters.and(Filters.eq("_id", "a"), SequenceGuard.notYetCounted("seen.c2", 0)),
                    Updates.combine(Updates.inc("count", 1), SequenceGuard.counted("seen.c2", 0)));
        }

        assertThat(things.find().first().getInteger("count")).isEqualTo(2);
    }

    private void apply(UpdateOneModel<Document> update) {
        things.bulkWrite(List.of(update));
    }
}
