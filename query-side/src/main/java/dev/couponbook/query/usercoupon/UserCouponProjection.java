package dev.couponbook.query.usercoupon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.query.readmodel.ReadModelBatch;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
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
    static final String COLLECTION = "user_coupons";

    private final MongoCollection<Document> coupons;

    public UserCouponProjection(MongoTemplate mongo) {
        this.coupons = mongo.getCollection(COLLECTION);
        createIndexes();
    }

    private void createIndexes() {
        coupons.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("assignedAt", "_id")),
                new IndexOptions().name("user_assignedAt"));
        coupons.createIndex(Indexes.compoundIndex(Indexes.ascending("userId", "bookId"), Indexes.descending("assignedAt", "_id")),
                new IndexOptions().name("user_book_assignedAt"));
    }

    @EventHandler
    void on(CouponAssigned event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ReadModelBatch.current().write(coupons, new UpdateOneModel<>(Filters.eq("_id", event.code()),
                Updates.combine(
                        Updates.setOnInsert("code", event.code()),
                        Updates.setOnInsert("bookId", event.bookId()),
                        Updates.setOnInsert("userId", event.userId()),
                        Updates.setOnInsert("assignedAt", Date.from(at)),
                        Updates.setOnInsert("lock", null),
                        Updates.setOnInsert("redemptionCount", 0),
                        Updates.setOnInsert("redemptions", List.of()),
                        Updates.setOnInsert("version", sequence),
                        Updates.setOnInsert("updatedAt", Date.from(at))),
                new UpdateOptions().upsert(true)));
    }

    @EventHandler
    void on(CouponLocked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set("lock",
                new Document("lockId", event.lockId()).append("lockedUntil", Date.from(event.lockedUntil()))));
    }

    @EventHandler
    void on(CouponLockExtended event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set("lock.lockedUntil", Date.from(event.lockedUntil())));
    }

    @EventHandler
    void on(CouponUnlocked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set("lock", null));
    }

    @EventHandler
    void on(CouponLockExpired event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.code(), sequence, at, Updates.set("lock", null));
    }

    @EventHandler
    void on(CouponRedeemed event, EventMessage<?> message, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document redemption = new Document("transactionId", message.getIdentifier())
                .append("redemptionId", event.redemptionId())
                .append("redemptionNumber", event.redemptionNumber())
                .append("redeemedAt", Date.from(at))
                .append("metadata", metadata(event));
        applyOnce(event.code(), sequence, at, Updates.combine(
                Updates.set("lock", null),
                Updates.set("redemptionCount", event.redemptionNumber()),
                Updates.push("redemptions", redemption)));
    }

    /** The redemption stays listed, marked reversed; the count is of redemptions in effect. */
    @EventHandler
    void on(CouponRedemptionReversed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        ReadModelBatch.current().write(coupons, new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", event.code()), Filters.lt("version", sequence),
                        Filters.eq("redemptions.redemptionId", event.redemptionId())),
                Updates.combine(
                        Updates.set("redemptionCount", event.redemptionsInEffect()),
                        Updates.set("redemptions.$.reversedAt", Date.from(at)),
                        Updates.set("redemptions.$.reversalReason", event.reason()),
                        Updates.set("version", sequence), Updates.set("updatedAt", Date.from(at)))));
    }

    /** A list of {key, value} pairs: a client's keys never become field names, so no key can make the document invalid. */
    private static List<Document> metadata(CouponRedeemed event) {
        List<Document> metadata = new ArrayList<>();
        if (event.metadata() != null) {
            event.metadata().forEach((key, value) -> metadata.add(new Document("key", key).append("value", value)));
        }
        return metadata;
    }

    @ResetHandler
    void reset() {
        coupons.drop();
        createIndexes();
    }

    private void applyOnce(String code, long sequence, Instant at, Bson change) {
        ReadModelBatch.current().write(coupons, new UpdateOneModel<>(
                Filters.and(Filters.eq("_id", code), Filters.lt("version", sequence)),
                Updates.combine(change, Updates.set("version", sequence), Updates.set("updatedAt", Date.from(at)))));
    }
}
