package dev.couponbook.query.stats;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponUnlocked;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The book's counters: a bucket is created by its first count, and an event delivered again counts once. */
class BookStatsProjectionTest {

    private static final String BOOK = "book-1";
    private static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private BookStatsProjection projection;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "stats");
        projection = new BookStatsProjection(mongo);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void canCountEachCouponEventOnceWhenItsBatchIsDeliveredAgainWithNewEvents() {
        Runnable firstBatch = () -> {
            projection.on(new CouponAssigned("A1", BOOK, "user-1", "r1"), 0, AT);
            projection.on(new CouponAssigned("B2", BOOK, "user-2", "r2"), 0, AT);
            projection.on(new CouponLocked("A1", BOOK, "user-1", "lock-1", AT.plusSeconds(60)), 1);
        };
        inOneBatch(firstBatch);

        inOneBatch(() -> {
            firstBatch.run();
            projection.on(new CouponUnlocked("A1", BOOK, "user-1", "lock-1"), 2);
            projection.on(new CouponLocked("B2", BOOK, "user-2", "lock-2", AT.plusSeconds(60)), 1);
        });

        assertThat(total("assigned")).isEqualTo(2);
        assertThat(total("locked")).as("A1 unlocked, B2 locked").isEqualTo(1);
        assertThat(buckets()).extracting(bucket -> bucket.getString("bookId")).containsOnly(BOOK);
    }

    @Test
    void canCountARejectionDeliveredAgainOnce() {
        EventMessage<CouponActionRejected> rejection = GenericEventMessage.asEventMessage(
                new CouponActionRejected(CouponAction.LOCK, "LOCKED_BY_OTHER", BOOK, "A1", "user-2"));

        inOneBatch(() -> projection.on(rejection.getPayload(), rejection));
        inOneBatch(() -> {
            projection.on(rejection.getPayload(), rejection);
            projection.on(new CouponAssigned("A1", BOOK, "user-1", "r1"), 0, AT);
        });

        assertThat(total("rejections")).isEqualTo(1);
        assertThat(total("assigned")).isEqualTo(1);
    }

    private long total(String counter) {
        return buckets().stream().map(bucket -> bucket.get(counter, Number.class))
                .mapToLong(count -> count == null ? 0 : count.longValue()).sum();
    }

    private List<Document> buckets() {
        return mongo.getCollection("book_stats_buckets").find().into(new ArrayList<>());
    }

    /** As a processor handles a batch: the writes are sent together when the unit of work commits. */
    private static void inOneBatch(Runnable handlers) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("batch"));
        handlers.run();
        unitOfWork.commit();
    }
}
