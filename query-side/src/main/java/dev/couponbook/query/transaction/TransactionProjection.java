package dev.couponbook.query.transaction;

import com.mongodb.client.MongoCollection;
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
import dev.couponbook.query.readmodel.MetadataPairs;
import dev.couponbook.query.readmodel.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.Map;

/**
 * Keeps the transaction log in {@code transactions}: one document per coupon event, accepted or
 * rejected, whose {@code _id} is the event's identifier, and in {@code transaction_metadata} one
 * document per metadata pair of an entry, which the metadata filter reads. Documents are only ever inserted
 * ({@link ReadModelBatch#insertOnce}), so a repeated or replayed event changes nothing; this also
 * covers rejections, which have no aggregate stream and so no sequence number.
 */
@Component
@ProcessingGroup(TransactionProjection.PROCESSING_GROUP)
public class TransactionProjection {

    public static final String PROCESSING_GROUP = "transactions";

    private final MongoTemplate mongo;

    private final MongoCollection<Document> transactions;
    private final MongoCollection<Document> metadataIndex;

    public TransactionProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.transactions = TransactionDocument.COLLECTION.in(mongo);
        this.metadataIndex = TransactionDocument.METADATA_INDEX.in(mongo);
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
                event.userId(), event.code(), event.bookId(), event.lockId(), event.redemptionId(), event.metadata());
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
        metadataIndex.drop();
        TransactionDocument.COLLECTION.ensureIndexes(mongo);
        TransactionDocument.METADATA_INDEX.ensureIndexes(mongo);
    }

    private void record(EventMessage<?> message, TransactionAction action, TransactionStatus status, String reason,
                        String userId, String code, String bookId, String lockId, String redemptionId) {
        record(message, action, status, reason, userId, code, bookId, lockId, redemptionId, null);
    }

    /** An entry with the action's own metadata, stored (with one document per pair) only when there is some. */
    private void record(EventMessage<?> message, TransactionAction action, TransactionStatus status, String reason,
                        String userId, String code, String bookId, String lockId, String redemptionId,
                        Map<String, String> metadata) {
        MetaData metaData = message.getMetaData();
        Date at = Date.from(message.getTimestamp());
        Document entry = new Document("_id", message.getIdentifier())
                .append(TransactionDocument.ACTION, action.name())
                .append(TransactionDocument.STATUS, status.name())
                .append(TransactionDocument.REASON, reason)
                .append(TransactionDocument.USER_ID, userId)
                .append(TransactionDocument.CODE, code)
                .append(TransactionDocument.BOOK_ID, bookId)
                .append(TransactionDocument.LOCK_ID, lockId)
                .append(TransactionDocument.REDEMPTION_ID, redemptionId)
                .append(TransactionDocument.AT, at)
                .append(TransactionDocument.ISSUED_BY, text(metaData, MetaDataKeys.USER_ID))
                .append(TransactionDocument.ROLES, text(metaData, MetaDataKeys.ROLES))
                .append(TransactionDocument.CLIENT, text(metaData, MetaDataKeys.CLIENT))
                .append(TransactionDocument.CORRELATION_ID, text(metaData, MetaDataKeys.CORRELATION_ID))
                .append(TransactionDocument.CAUSATION_ID, text(metaData, MetaDataKeys.CAUSATION_ID));
        boolean hasMetadata = metadata != null && !metadata.isEmpty();
        if (hasMetadata) {
            entry.append(TransactionDocument.METADATA, MetadataPairs.of(metadata));
        }
        ReadModelBatch batch = ReadModelBatch.current();
        batch.insertOnce(transactions, entry);
        if (hasMetadata) {
            metadata.forEach((key, value) -> batch.insertOnce(metadataIndex, new Document("_id", TransactionDocument.pairId(message.getIdentifier(), key))
                    .append(TransactionDocument.PAIR, TransactionDocument.pair(key, value))
                    .append(TransactionDocument.TRANSACTION_ID, message.getIdentifier())
                    .append(TransactionDocument.ACTION, action.name())
                    .append(TransactionDocument.STATUS, status.name())
                    .append(TransactionDocument.USER_ID, userId)
                    .append(TransactionDocument.CODE, code)
                    .append(TransactionDocument.BOOK_ID, bookId)
                    .append(TransactionDocument.AT, at)));
        }
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
