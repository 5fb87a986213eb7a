package dev.couponbook.query.stats;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.query.readmodel.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Keeps one document of counters per book in {@code book_stats}, all derived from events alone,
 * so a replay rebuilds the same numbers. Counters come from many coupon streams, so no single
 * sequence number can guard them; instead each book's document stores, in the same atomic
 * update as its counters, the tracking token of the last event it counted
 * ({@code appliedThrough}). An event that this token already covers was counted and is skipped,
 * which makes redelivery after a failed batch harmless. Within a batch the changes are summed per
 * book and written once.
 */
@Component
@ProcessingGroup(BookStatsProjection.PROCESSING_GROUP)
public class BookStatsProjection {

    public static final String PROCESSING_GROUP = "book-stats";
    static final String COLLECTION = "book_stats";
    static final String APPLIED_THROUGH = "appliedThrough";
    private static final String BATCH_STATE = BookStatsProjection.class.getName();

    private final MongoCollection<Document> stats;
    private final Serializer serializer;
    /** The stored {@code appliedThrough} of each book, read once; dropped when a batch rolls back. */
    private final Map<String, Optional<TrackingToken>> appliedThrough = new ConcurrentHashMap<>();

    public BookStatsProjection(MongoTemplate mongo, Serializer serializer) {
        this.stats = mongo.getCollection(COLLECTION);
        this.serializer = serializer;
    }

    @EventHandler
    void on(CouponBookCreated event, TrackingToken token) {
        count(event.bookId(), token, change -> change.created = true);
    }

    @EventHandler
    void on(CodesUploaded event, TrackingToken token) {
        count(event.bookId(), token, change -> change.add("totalCodes", event.codes().size()));
    }

    @EventHandler
    void on(CodeChunkGenerated event, TrackingToken token) {
        count(event.bookId(), token, change -> change.add("totalCodes", event.codes().size()));
    }

    @EventHandler
    void on(CouponAssigned event, TrackingToken token, @Timestamp Instant at) {
        count(event.bookId(), token, change -> {
            change.add("assigned", 1);
            change.addDaily(at, "assignments");
        });
    }

    @EventHandler
    void on(CouponLocked event, TrackingToken token) {
        count(event.bookId(), token, change -> change.add("locked", 1));
    }

    @EventHandler
    void on(CouponUnlocked event, TrackingToken token) {
        count(event.bookId(), token, change -> change.add("locked", -1));
    }

    @EventHandler
    void on(CouponLockExpired event, TrackingToken token) {
        count(event.bookId(), token, change -> {
            change.add("locked", -1);
            change.add("lockExpiries", 1);
        });
    }

    @EventHandler
    void on(CouponRedeemed event, TrackingToken token, @Timestamp Instant at) {
        count(event.bookId(), token, change -> {
            change.add("locked", -1);
            change.add("redemptions", 1);
            if (event.redemptionNumber() == 1) {
                change.add("redeemed", 1);
            }
            change.addDaily(at, "redemptions");
        });
    }

    @EventHandler
    void on(CouponActionRejected event, TrackingToken token) {
        if (event.bookId() != null) {
            count(event.bookId(), token, change -> change.add("rejections", 1));
        }
    }

    @ResetHandler
    void reset() {
        stats.drop();
        appliedThrough.clear();
    }

    private void count(String bookId, TrackingToken token, Consumer<BookChange> change) {
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        Optional<TrackingToken> applied = appliedThrough.computeIfAbsent(bookId, this::storedPosition);
        if (position != null && applied.isPresent() && applied.get().covers(position)) {
            return;
        }
        Map<String, BookChange> changes = ReadModelBatch.current().state(BATCH_STATE, this::newBatch, this::write);
        BookChange bookChange = changes.computeIfAbsent(bookId, id -> new BookChange());
        change.accept(bookChange);
        bookChange.position = position;
    }

    private Map<String, BookChange> newBatch() {
        CurrentUnitOfWork.get().onRollback(unitOfWork -> appliedThrough.clear());
        return new HashMap<>();
    }

    private void write(Map<String, BookChange> changes) {
        ReadModelBatch batch = ReadModelBatch.current();
        changes.forEach((bookId, change) -> {
            List<Bson> updates = new ArrayList<>();
            if (change.created) {
                updates.add(Updates.setOnInsert("bookId", bookId));
            }
            change.counters.forEach((field, delta) -> updates.add(Updates.inc(field, delta)));
            change.daily.forEach((day, counters) -> counters.forEach((field, delta) ->
                    updates.add(Updates.inc("daily." + day + "." + field, delta))));
            if (change.position != null) {
                updates.add(Updates.set(APPLIED_THROUGH, serialized(change.position)));
            }
            batch.write(stats, new UpdateOneModel<>(Filters.eq("_id", bookId), Updates.combine(updates),
                    new UpdateOptions().upsert(change.created)));
            appliedThrough.put(bookId, Optional.ofNullable(change.position));
        });
    }

    private Optional<TrackingToken> storedPosition(String bookId) {
        Document book = stats.find(Filters.eq("_id", bookId)).projection(Projections.include(APPLIED_THROUGH)).first();
        Document stored = book == null ? null : book.get(APPLIED_THROUGH, Document.class);
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.of(serializer.deserialize(new SimpleSerializedObject<>(stored.getString("data"), String.class,
                stored.getString("type"), stored.getString("revision"))));
    }

    private Document serialized(TrackingToken position) {
        SerializedObject<String> token = serializer.serialize(position, String.class);
        return new Document("type", token.getType().getName())
                .append("revision", token.getType().getRevision())
                .append("data", token.getData());
    }

    /** What one batch changes in one book. */
    private static final class BookChange {
        private final Map<String, Long> counters = new HashMap<>();
        private final Map<String, Map<String, Long>> daily = new TreeMap<>();
        private boolean created;
        private TrackingToken position;

        void add(String counter, long delta) {
            counters.merge(counter, delta, Long::sum);
        }

        void addDaily(Instant at, String counter) {
            String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
            daily.computeIfAbsent(day, d -> new HashMap<>()).merge(counter, 1L, Long::sum);
        }
    }
}
