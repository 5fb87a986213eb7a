package dev.couponbook.query.usercoupon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.query.readmodel.ReadModelBatch;
import dev.couponbook.query.readmodel.SequenceGuard;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import dev.couponbook.query.usercoupon.UserCouponDocument.Fields;
import dev.couponbook.query.usercoupon.UserCouponDocument.Lock;
import dev.couponbook.query.usercoupon.UserCouponDocument.Redemption;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Keeps one document per held coupon in {@code user_coupons} ({@code _id} = the code, which is
 * unique across books and assigned at most once). Every change is guarded by the event's sequence
 * number in the coupon's stream ({@code version}), so a repeated or replayed event changes
 * nothing. Only event data is stored; whether a lock has lapsed or a coupon has redemptions left
 * depends on the clock and the book's current terms, so the queries derive the status.
 */
@Component
@ProcessingGroup(UserCouponProjection.PROCESSING_GROUP)
public class UserCouponProjection {

    public static final String PROCESSING_GROUP = "user-coupons";
    private final MongoTemplate mongo;
    private final MongoCollection<Document> coupons;

    public UserCouponProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.coupons = UserCouponDocument.COLLECTION.in(mongo);
    }

    @EventHandler
    void on(CouponAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ReadModelBatch.current().write(coupons, new UpdateOneModel<>(Filters.eq("_id", event.code()),
                Updates.combine(
                        Updates.setOnInsert(Fields.CODE, event.code()),
                        Updates.setOnInsert(Fields.BOOK_ID, event.bookId()),
                        Updates.setOnInsert(Fields.USER_ID, event.userId()),
                        Updates.setOnInsert(Fields.ASSIGNED_AT, Date.from(at)),
                        Updates.setOnInsert(Fields.LOCK, null),
                        Updates.setOnInsert(Fields.REDEMPTION_COUNT, 0),
                        Updates.setOnInsert(Fields.REDEMPTIONS, List.of()),
                        Updates.setOnInsert(Fields.EXPIRES_AT, event.expiresAt() == null ? null : Date.from(event.expiresAt())),
                        SequenceGuard.createdBy(sequence),
                        Updates.setOnInsert(Fields.UPDATED_AT, Date.from(at))),
                new UpdateOptions().upsert(true)));
    }

    /** Only a held coupon has a document; disabling a free code leaves nothing to change here. */
    @EventHandler
    void on(CodeDisabled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set(Fields.DISABLED, true));
    }

    @EventHandler
    void on(CodeEnabled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.unset(Fields.DISABLED));
    }

    @EventHandler
    void on(CouponLocked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set(Fields.LOCK, new Lock(event.lockId(), event.lockedUntil()).toDocument()));
    }

    @EventHandler
    void on(CouponLockExtended event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set(Fields.LOCK + "." + Fields.LOCKED_UNTIL, Date.from(event.lockedUntil())));
    }

    @EventHandler
    void on(CouponUnlocked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set(Fields.LOCK, null));
    }

    @EventHandler
    void on(CouponLockExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set(Fields.LOCK, null));
    }

    @EventHandler
    void on(CouponRedeemed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        Redemption redemption = new Redemption(message.getIdentifier(), event.redemptionId(), event.redemptionNumber(), at,
                event.metadata(), null, null);
        applyOnce(event.code(), sequence, at, Updates.combine(
                Updates.set(Fields.LOCK, null),
                Updates.set(Fields.REDEMPTION_COUNT, event.redemptionNumber()),
                Updates.push(Fields.REDEMPTIONS, redemption.toDocument())));
    }

    /** The redemption stays listed, marked reversed; the count is of redemptions in effect. */
    @EventHandler
    void on(CouponRedemptionReversed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Filters.eq(Fields.REDEMPTIONS + "." + Fields.REDEMPTION_ID, event.redemptionId()),
                Updates.combine(
                        Updates.set(Fields.REDEMPTION_COUNT, event.redemptionsInEffect()),
                        Updates.set(Fields.REDEMPTIONS + ".$." + Fields.REVERSED_AT, Date.from(at)),
                        Updates.set(Fields.REDEMPTIONS + ".$." + Fields.REVERSAL_REASON, event.reason())));
    }

    @ResetHandler
    void reset() {
        coupons.drop();
        UserCouponDocument.COLLECTION.ensureIndexes(mongo);
    }

    private void applyOnce(String code, long sequence, Instant at, Bson change) {
        ReadModelBatch.current().write(coupons, SequenceGuard.applyOnce(code, sequence,
                Updates.combine(change, Updates.set(Fields.UPDATED_AT, Date.from(at)))));
    }

    private void applyOnce(String code, long sequence, Instant at, Bson condition, Bson change) {
        ReadModelBatch.current().write(coupons, SequenceGuard.applyOnce(code, sequence, condition,
                Updates.combine(change, Updates.set(Fields.UPDATED_AT, Date.from(at)))));
    }
}
