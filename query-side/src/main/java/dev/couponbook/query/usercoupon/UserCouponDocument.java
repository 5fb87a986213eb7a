package dev.couponbook.query.usercoupon;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.couponbook.messages.coupon.RedemptionView;
import dev.couponbook.messages.coupon.UserCouponView;
import dev.couponbook.query.readmodel.CouponStanding;
import dev.couponbook.query.readmodel.MetadataPairs;
import dev.couponbook.query.readmodel.ReadModelCollection;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored shape of a {@code user_coupons} document, written by {@link UserCouponProjection} and
 * read by {@link UserCouponQueries}: its field names (as docs/read-models.md lists them) and its
 * mapping to and from {@link Document}, in this one place.
 */
public record UserCouponDocument(String code, String bookId, String userId, Instant assignedAt, Lock lock,
                                 int redemptionCount, List<Redemption> redemptions, Instant expiresAt, boolean disabled) {

    public static final ReadModelCollection COLLECTION = new ReadModelCollection("user_coupons", List.of(
            new IndexModel(Indexes.compoundIndex(Indexes.ascending(Fields.USER_ID), Indexes.descending(Fields.ASSIGNED_AT, "_id")),
                    new IndexOptions().name("user_assignedAt")),
            new IndexModel(Indexes.compoundIndex(Indexes.ascending(Fields.USER_ID, Fields.BOOK_ID),
                    Indexes.descending(Fields.ASSIGNED_AT, "_id")), new IndexOptions().name("user_book_assignedAt"))));

    /** Field names; {@code _id} is the code. */
    static final class Fields {
        static final String CODE = "code";
        static final String BOOK_ID = "bookId";
        static final String USER_ID = "userId";
        static final String ASSIGNED_AT = "assignedAt";
        static final String LOCK = "lock";
        static final String LOCK_ID = "lockId";
        static final String LOCKED_UNTIL = "lockedUntil";
        static final String REDEMPTION_COUNT = "redemptionCount";
        static final String REDEMPTIONS = "redemptions";
        static final String UPDATED_AT = "updatedAt";
        static final String TRANSACTION_ID = "transactionId";
        static final String REDEMPTION_ID = "redemptionId";
        static final String REDEMPTION_NUMBER = "redemptionNumber";
        static final String REDEEMED_AT = "redeemedAt";
        static final String METADATA = "metadata";
        static final String REVERSED_AT = "reversedAt";
        static final String REVERSAL_REASON = "reversalReason";
        /** When the coupon expires; absent when it does not on its own. */
        static final String EXPIRES_AT = "expiresAt";
        /** Present, true, exactly while the code is disabled. */
        static final String DISABLED = "disabled";

        private Fields() {
        }
    }

    /** The lock of a checkout; {@code lockedUntil} may have passed, which only a reader with a clock can tell. */
    record Lock(String lockId, Instant lockedUntil) {

        Document toDocument() {
            return new Document(Fields.LOCK_ID, lockId).append(Fields.LOCKED_UNTIL, Date.from(lockedUntil));
        }

        static Lock from(Document lock) {
            return lock == null ? null : new Lock(lock.getString(Fields.LOCK_ID), lock.getDate(Fields.LOCKED_UNTIL).toInstant());
        }
    }

    /** One redemption, kept when reversed; {@code transactionId} is the redeeming event's identifier. */
    record Redemption(String transactionId, String redemptionId, int redemptionNumber, Instant redeemedAt,
                      Map<String, String> metadata, Instant reversedAt, String reversalReason) {

        /** Metadata as {@link MetadataPairs}. */
        Document toDocument() {
            return new Document(Fields.TRANSACTION_ID, transactionId)
                    .append(Fields.REDEMPTION_ID, redemptionId)
                    .append(Fields.REDEMPTION_NUMBER, redemptionNumber)
                    .append(Fields.REDEEMED_AT, Date.from(redeemedAt))
                    .append(Fields.METADATA, MetadataPairs.of(metadata));
        }

        static Redemption from(Document redemption) {
            Map<String, String> metadata = new HashMap<>();
            if (redemption.get(Fields.METADATA) instanceof Document written) {
                // The shape before metadata became a list of pairs, until user-coupons is replayed.
                written.forEach((key, value) -> metadata.put(key, String.valueOf(value)));
            } else {
                metadata.putAll(MetadataPairs.read(redemption.getList(Fields.METADATA, Document.class)));
            }
            Date reversedAt = redemption.getDate(Fields.REVERSED_AT);
            return new Redemption(redemption.getString(Fields.TRANSACTION_ID), redemption.getString(Fields.REDEMPTION_ID),
                    redemption.getInteger(Fields.REDEMPTION_NUMBER), redemption.getDate(Fields.REDEEMED_AT).toInstant(), metadata,
                    reversedAt == null ? null : reversedAt.toInstant(), redemption.getString(Fields.REVERSAL_REASON));
        }

        RedemptionView view() {
            return new RedemptionView(transactionId, redemptionId, redemptionNumber, redeemedAt, metadata, reversedAt, reversalReason);
        }
    }

    static UserCouponDocument from(Document coupon) {
        return new UserCouponDocument(
                coupon.getString(Fields.CODE),
                coupon.getString(Fields.BOOK_ID),
                coupon.getString(Fields.USER_ID),
                coupon.getDate(Fields.ASSIGNED_AT).toInstant(),
                Lock.from(coupon.get(Fields.LOCK, Document.class)),
                coupon.getInteger(Fields.REDEMPTION_COUNT, 0),
                coupon.getList(Fields.REDEMPTIONS, Document.class).stream().map(Redemption::from).toList(),
                coupon.getDate(Fields.EXPIRES_AT) == null ? null : coupon.getDate(Fields.EXPIRES_AT).toInstant(),
                coupon.getBoolean(Fields.DISABLED, false));
    }

    /** As its holder sees it at {@code now}: a lock whose time has passed no longer counts. */
    UserCouponView view(Instant now, int redemptionsAllowed) {
        boolean locked = lock != null && lock.lockedUntil().isAfter(now);
        return new UserCouponView(code, bookId, userId,
                CouponStanding.held(locked, redemptionCount).couponStatus(redemptionsAllowed),
                assignedAt,
                locked ? lock.lockId() : null,
                locked ? lock.lockedUntil() : null,
                redemptionCount,
                redemptions.stream().map(Redemption::view).toList(),
                expiresAt,
                disabled);
    }
}
