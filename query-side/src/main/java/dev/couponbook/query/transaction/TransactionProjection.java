package dev.couponbook.query.transaction;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.MetaDataKeys;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.transaction.TransactionAction;
import dev.couponbook.messages.transaction.TransactionStatus;
import dev.couponbook.query.readmodel.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Keeps the transaction log in {@code transactions}: one document per coupon event, accepted or
 * rejected, whose {@code _id} is the event's identifier. Documents are only ever inserted
 * ({@code $setOnInsert} on an upsert), so a repeated or replayed event changes nothing; this also
 * covers rejections, which have no aggregate stream and so no sequence number.
 */
@Component
@ProcessingGroup(TransactionProjection.PROCESSING_GROUP)
public class TransactionProjection {

    public static final String PROCESSING_GROUP = "transactions";
    static final String COLLECTION = "transactions";

    /**
     * Every filter combination of the endpoint is answered through one of these, newest first, so
     * a page reads only its own entries: the low-cardinality filters (book, action, status) have
     * an index for each combination, with the time as the next key; a user's or a code's entries
     * are few, so their index narrows any combination containing them to a handful.
     */
    static final List<List<String>> EQUALITY_PREFIXES = List.of(
            List.of(), List.of("userId"), List.of("code"), List.of("bookId"), List.of("action"), List.of("status"),
            List.of("bookId", "action"), List.of("bookId", "status"), List.of("action", "status"),
            List.of("bookId", "action", "status"));

    private final MongoCollection<Document> transactions;

    public TransactionProjection(MongoTemplate mongo) {
        this.transactions = mongo.getCollection(COLLECTION);
        createIndexes();
    }

    private void createIndexes() {
        for (List<String> prefix : EQUALITY_PREFIXES) {
            List<Bson> keys = new ArrayList<>();
            if (!prefix.isEmpty()) {
                keys.add(Indexes.ascending(prefix));
            }
            keys.add(Indexes.descending("at", "_id"));
            String name = String.join("_", prefix) + (prefix.isEmpty() ? "" : "_") + "at";
            transactions.createIndex(Indexes.compoundIndex(keys), new IndexOptions().name(name));
        }
    }

    @EventHandler
    void on(CouponAssigned event, EventMessage<?> message) {
        record(message, TransactionAction.ASSIGN, TransactionStatus.SUCCEEDED, null,
                event.userId(), event.code(), event.bookId(), null, null);
    }

    @EventHandler
    void on(CouponLocked event, EventMessage<?> message) {
        record(message, TransactionAction.LOCK, TransactionStatus.SUCCEEDED, null,
                event.userId(), event.code(), event.bookId(), event.lockId(), null);
    }

    @EventHandler
    void on(CouponLockExtended event, EventMessage<?> message) {
        record(message, TransactionAction.LOCK_EXTENSION, TransactionStatus.SUCCEEDED, null,
                event.userId(), event.code(), event.bookId(), event.lockId(), null);
    }

    @EventHandler
    void on(CouponUnlocked event, EventMessage<?> message) {
        record(message, TransactionAction.UNLOCK, TransactionStatus.SUCCEEDED, null,
                event.userId(), event.code(), event.bookId(), event.lockId(), null);
    }

    @EventHandler
    void on(CouponLockExpired event, EventMessage<?> message) {
        record(message, TransactionAction.LOCK_EXPIRY, TransactionStatus.SUCCEEDED, null,
                event.userId(), event.code(), event.bookId(), event.lockId(), null);
    }

    @EventHandler
    void on(CouponRedeemed event, EventMessage<?> message) {
        record(message, TransactionAction.REDEEM, TransactionStatus.SUCCEEDED, null,
                event.userId(), event.code(), event.bookId(), event.lockId(), event.redemptionId());
    }

    /** A reversal's entry carries, as {@code reason}, why the redemption was given back; who did it is {@code issuedBy}. */
    @EventHandler
    void on(CouponRedemptionReversed event, EventMessage<?> message) {
        record(message, TransactionAction.REVERSE, TransactionStatus.SUCCEEDED, event.reason(),
                event.userId(), event.code(), event.bookId(), null, event.redemptionId());
    }

    @EventHandler
    void on(CouponActionRejected event, EventMessage<?> message) {
        record(message, TransactionAction.valueOf(event.action().name()), TransactionStatus.REJECTED, event.reason(),
                event.userId(), event.code(), event.bookId(), null, null);
    }

    @ResetHandler
    void reset() {
        transactions.drop();
        createIndexes();
    }

    private void record(EventMessage<?> message, TransactionAction action, TransactionStatus status, String reason,
                        String userId, String code, String bookId, String lockId, String redemptionId) {
        MetaData metaData = message.getMetaData();
        ReadModelBatch.current().write(transactions, new UpdateOneModel<>(Filters.eq("_id", message.getIdentifier()),
                Updates.combine(
                        Updates.setOnInsert("action", action.name()),
                        Updates.setOnInsert("status", status.name()),
                        Updates.setOnInsert("reason", reason),
                        Updates.setOnInsert("userId", userId),
                        Updates.setOnInsert("code", code),
                        Updates.setOnInsert("bookId", bookId),
                        Updates.setOnInsert("lockId", lockId),
                        Updates.setOnInsert("redemptionId", redemptionId),
                        Updates.setOnInsert("at", Date.from(message.getTimestamp())),
                        Updates.setOnInsert("issuedBy", text(metaData, MetaDataKeys.USER_ID)),
                        Updates.setOnInsert("roles", text(metaData, MetaDataKeys.ROLES)),
                        Updates.setOnInsert("client", text(metaData, MetaDataKeys.CLIENT)),
                        Updates.setOnInsert("correlationId", text(metaData, MetaDataKeys.CORRELATION_ID)),
                        Updates.setOnInsert("causationId", text(metaData, MetaDataKeys.CAUSATION_ID))),
                new UpdateOptions().upsert(true)));
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
