package dev.couponbook.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariant 6: projections are idempotent, so redelivery and a full replay rebuild identical read models. */
class ReadModelReplayTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ReadModelStatus status;
    @Autowired
    EventProcessingConfiguration processing;

    private CouponHistory history;
    private String singleUseBook;

    @BeforeEach
    void recordAVariedHistory() {
        history = new CouponHistory(eventStore);
        singleUseBook = history.id("single");
        String multiUseBook = history.id("multi");
        String otherBook = history.id("other");
        history.bookCreated(singleUseBook, false, null);
        history.bookCreated(multiUseBook, true, 3);
        history.bookCreated(otherBook, false, null);
        Random random = new Random(42);
        List<String> users = List.of(history.id("u1"), history.id("u2"), history.id("u3"), history.id("u4"));
        for (String book : List.of(singleUseBook, multiUseBook, otherBook)) {
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                codes.add(book + "-C" + i);
            }
            history.codesUploaded(book, codes);
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                String user = users.get(random.nextInt(users.size()));
                history.assigned(code, book, user);
                switch (i % 6) {
                    case 1 -> history.unlocked(code, book, user, history.locked(code, book, user, Instant.now().plusSeconds(60)));
                    case 2 -> history.lockExpired(code, book, user, history.locked(code, book, user, Instant.now().plusSeconds(1)));
                    case 3 -> history.lockedAndRedeemed(code, book, user, 1);
                    case 4 -> {
                        history.lockedAndRedeemed(code, book, user, 1);
                        if (book.equals(multiUseBook)) {
                            history.lockedAndRedeemed(code, book, user, 2);
                        } else {
                            history.rejected(CouponAction.REDEEM, "ALREADY_REDEEMED", book, code, user);
                        }
                    }
                    case 5 -> {
                        history.locked(code, book, user, Instant.now().plusSeconds(600));
                        history.rejected(CouponAction.LOCK, "COUPON_LOCKED", book, code, users.get((users.indexOf(user) + 1) % users.size()));
                    }
                    default -> {
                    }
                }
            }
        }
        history.rejected(CouponAction.ASSIGN, "BOOK_NOT_FOUND", null, null, users.get(0));
        ReadModels.awaitAll(status);
    }

    @Test
    void canRebuildEveryReadModelIdenticallyByReplayingTheHistory() {
        Map<String, List<Document>> before = ReadModels.snapshot(mongo);
        assertThat(before.get("user_coupons")).hasSizeGreaterThanOrEqualTo(54);
        assertThat(before.get("transactions")).hasSizeGreaterThanOrEqualTo(120);
        JsonNode stats = api.get("/api/v1/coupon-books/" + singleUseBook + "/stats", api.token(ApiClient.ANALYST)).json();
        assertThat(stats.get("totalCodes").asLong()).isEqualTo(18);
        assertThat(stats.get("assigned").asLong()).isEqualTo(18);
        assertThat(stats.get("locked").asLong()).isEqualTo(3);
        assertThat(stats.get("redeemed").asLong()).isEqualTo(6);
        assertThat(stats.get("lockExpiries").asLong()).isEqualTo(3);
        assertThat(stats.get("rejections").asLong()).isEqualTo(6);

        String admin = api.token(ApiClient.ADMIN);
        for (String projection : ReadModelProcessing.PROJECTIONS) {
            ApiClient.Response replay = api.post("/api/v1/admin/projections/" + projection + "/replay", admin, null);
            assertThat(replay.status()).isEqualTo(202);
        }
        for (String projection : ReadModelProcessing.PROJECTIONS) {
            ApiClient.Response done = api.await("/api/v1/admin/projections/" + projection, admin,
                    r -> r.status() == 200 && !r.json().get("replaying").asBoolean() && r.json().get("caughtUp").asBoolean());
            assertThat(done.json().get("replaying").asBoolean()).as(done.raw()).isFalse();
        }
        ReadModels.awaitAll(status);

        ReadModels.assertSameReadModels(ReadModels.snapshot(mongo), before);
    }

    @Test
    void canReceiveEveryEventTwiceWithoutChangingAnyReadModel() throws Exception {
        Map<String, List<Document>> before = ReadModels.snapshot(mongo);
        List<TrackedEventMessage<?>> everything = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                everything.add(stream.nextAvailable());
            }
        }
        for (String projection : ReadModelProcessing.PROJECTIONS) {
            TrackingEventProcessor processor = processing.eventProcessor(projection, TrackingEventProcessor.class).orElseThrow();
            processor.shutDown();
            try {
                for (int from = 0; from < everything.size(); from += 100) {
                    List<TrackedEventMessage<?>> batch = everything.subList(from, Math.min(everything.size(), from + 100));
                    new BatchingUnitOfWork<>(batch).executeWithResult(() -> {
                        processor.eventHandlerInvoker().handle((EventMessage<?>) CurrentUnitOfWork.get().getMessage(), Segment.ROOT_SEGMENT);
                        return null;
                    }).optionalExceptionResult().ifPresent(failure -> {
                        throw new AssertionError(failure);
                    });
                }
            } finally {
                processor.start();
            }
        }
        ReadModels.awaitAll(status);

        ReadModels.assertSameReadModels(ReadModels.snapshot(mongo), before);
    }
}
