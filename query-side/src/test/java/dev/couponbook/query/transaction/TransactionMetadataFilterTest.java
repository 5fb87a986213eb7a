package dev.couponbook.query.transaction;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.transaction.FindTransactions;
import dev.couponbook.messages.transaction.TransactionAction;
import dev.couponbook.messages.transaction.TransactionPage;
import dev.couponbook.messages.transaction.TransactionView;
import dev.couponbook.query.readmodel.ReadModelStatus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The transaction log keeps a redemption's own metadata and finds entries by one metadata pair. */
class TransactionMetadataFilterTest {

    private static final String BOOK = "book-1";

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private TransactionProjection projection;
    private TransactionQueries queries;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "transactions");
        projection = new TransactionProjection(mongo);
        queries = new TransactionQueries(mongo, Mockito.mock(ReadModelStatus.class));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canFindTheRedemptionsOfOneMetadataPairOnly() {
        redeemed("A1", "r1", Map.of("orderId", "123", "channel", "web"));
        redeemed("B2", "r2", Map.of("orderId", "1234", "channel", "web"));
        redeemed("C3", "r3", Map.of("order", "123"));
        CouponLocked lock = new CouponLocked("A1", BOOK, "user-1", "lock-1", Instant.parse("2026-06-01T10:05:00Z"));
        projection.on(lock, GenericEventMessage.asEventMessage(lock));

        assertThat(find("orderId", "123").items()).singleElement().satisfies(entry -> {
            assertThat(entry.redemptionId()).isEqualTo("r1");
            assertThat(entry.metadata()).isEqualTo(Map.of("orderId", "123", "channel", "web"));
        });
        assertThat(find("channel", "web").items()).extracting(TransactionView::redemptionId).containsExactlyInAnyOrder("r1", "r2");
        assertThat(find("orderId", "12").items()).isEmpty();
        assertThat(find("ORDERID", "123").items()).isEmpty();
    }

    @Test
    void canShowNoMetadataOnEntriesWithoutAny() {
        CouponLocked lock = new CouponLocked("A1", BOOK, "user-1", "lock-1", Instant.parse("2026-06-01T10:05:00Z"));
        projection.on(lock, GenericEventMessage.asEventMessage(lock));
        redeemed("A1", "r1", Map.of());

        List<TransactionView> all = find(null, null).items();

        assertThat(all).extracting(TransactionView::action).containsExactlyInAnyOrder(TransactionAction.LOCK, TransactionAction.REDEEM);
        assertThat(all).allSatisfy(entry -> assertThat(entry.metadata()).isEmpty());
        assertThat(mongo.getCollection("transactions").find(new Document(TransactionDocument.METADATA, new Document("$exists", true))))
                .as("an entry without metadata stores no field").isEmpty();
        assertThat(mongo.getCollection("transaction_metadata").countDocuments()).isZero();
    }

    /** A redemption's entry written before the log kept metadata reads as having none until a replay rewrites it. */
    @Test
    void canReadAnEntryWrittenBeforeTheLogKeptMetadata() {
        mongo.getCollection("transactions").insertOne(new Document("_id", "old-event")
                .append("action", "REDEEM").append("status", "SUCCEEDED").append("userId", "user-1").append("code", "A1")
                .append("bookId", BOOK).append("redemptionId", "r0").append("at", new Date()));

        assertThat(find(null, null).items()).singleElement().satisfies(entry -> {
            assertThat(entry.redemptionId()).isEqualTo("r0");
            assertThat(entry.metadata()).isEmpty();
        });
        assertThat(find("orderId", "123").items()).isEmpty();
    }

    @Test
    void canRecordARepeatedRedemptionOnce() {
        CouponRedeemed event = new CouponRedeemed("A1", BOOK, "user-1", "lock-1", "r1", 1, Map.of("orderId", "123"));
        EventMessage<CouponRedeemed> message = GenericEventMessage.asEventMessage(event);
        projection.on(event, message);
        projection.on(event, message);

        assertThat(find("orderId", "123").items()).hasSize(1);
        assertThat(mongo.getCollection("transaction_metadata").countDocuments()).isEqualTo(1);
    }

    @Test
    void canPageThroughOnePairsEntriesOfOneBookNewestFirst() {
        for (int i = 0; i < 7; i++) {
            CouponRedeemed event = new CouponRedeemed("C" + i, i % 2 == 0 ? BOOK : "other-book", "user-1", "lock-" + i,
                    "r" + i, 1, Map.of("channel", "web", "orderId", "o" + i));
            projection.on(event, GenericEventMessage.asEventMessage(event));
        }
        List<String> all = queries.handle(new FindTransactions(null, BOOK, null, null, null, null, null, 0, 20, null, null))
                .items().stream().map(TransactionView::redemptionId).toList();

        List<String> paged = new ArrayList<>();
        TransactionPage page;
        int number = 0;
        do {
            page = queries.handle(new FindTransactions(null, BOOK, null, TransactionAction.REDEEM, null, null, null, number++, 2,
                    "channel", "web"));
            page.items().forEach(entry -> paged.add(entry.redemptionId()));
        } while (page.hasNext());

        assertThat(all).containsExactlyInAnyOrder("r0", "r2", "r4", "r6");
        assertThat(paged).as("the pages of the filter, in the log's order").containsExactlyElementsOf(all);
        assertThat(number).isEqualTo(2);
    }

    /** The filter reads its own collection through an index that leads with the pair, newest first, like the other filters. */
    @Test
    void canDeclareAnIndexThatLeadsWithTheMetadataPair() {
        TransactionDocument.METADATA_INDEX.ensureIndexes(mongo);

        List<Document> keys = mongo.getCollection("transaction_metadata").listIndexes().into(new ArrayList<>()).stream()
                .map(index -> index.get("key", Document.class)).toList();

        assertThat(keys).contains(new Document(TransactionDocument.PAIR, 1).append(TransactionDocument.AT, -1).append("_id", -1));
    }

    private void redeemed(String code, String redemptionId, Map<String, String> metadata) {
        CouponRedeemed event = new CouponRedeemed(code, BOOK, "user-1", "lock-" + code, redemptionId, 1, metadata);
        projection.on(event, GenericEventMessage.asEventMessage(event));
    }

    private TransactionPage find(String key, String value) {
        return queries.handle(new FindTransactions(null, null, null, null, null, null, null, 0, 20, key, value));
    }
}
