package dev.couponbook.query.usercoupon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.coupon.CouponStatus;
import dev.couponbook.messages.coupon.FindUserCoupons;
import dev.couponbook.messages.coupon.RedemptionView;
import dev.couponbook.messages.coupon.UserCouponPage;
import dev.couponbook.messages.coupon.UserCouponView;
import dev.couponbook.messages.couponbook.CouponBookView;
import dev.couponbook.messages.couponbook.FindCouponBook;
import dev.couponbook.query.readmodel.ReadModelStatus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Answers user-coupon queries from {@code user_coupons}. The status is derived when asked: a lock
 * whose time has passed no longer counts, and whether redemptions are left follows the book's
 * current terms, as the coupon itself decides on its next redemption.
 */
@Component
public class UserCouponQueries {

    private static final int STREAM_BATCH = 1000;

    private final MongoCollection<Document> coupons;
    private final QueryGateway queries;
    private final ReadModelStatus status;
    private final Clock clock;

    public UserCouponQueries(MongoTemplate mongo, QueryGateway queries, ReadModelStatus status, Clock clock) {
        this.coupons = mongo.getCollection(UserCouponProjection.COLLECTION);
        this.queries = queries;
        this.status = status;
        this.clock = clock;
    }

    @QueryHandler
    public UserCouponPage handle(FindUserCoupons query) {
        Bson filter = query.bookId() == null ? Filters.eq("userId", query.userId())
                : Filters.and(Filters.eq("userId", query.userId()), Filters.eq("bookId", query.bookId()));
        List<Document> found = coupons.find(filter)
                .sort(Sorts.descending("assignedAt", "_id"))
                .skip(query.page() * query.size())
                .limit(query.size() + 1)
                .into(new ArrayList<>());
        boolean hasNext = found.size() > query.size();
        Instant now = clock.instant();
        Map<String, Integer> allowedPerBook = new HashMap<>();
        List<UserCouponView> items = found.stream().limit(query.size())
                .map(coupon -> view(coupon, now, allowedPerBook.computeIfAbsent(coupon.getString("bookId"), this::redemptionsAllowed)))
                .toList();
        return new UserCouponPage(query.userId(), items, query.page(), query.size(), hasNext,
                status.rebuilding(UserCouponProjection.PROCESSING_GROUP));
    }

    /**
     * Hands every stored coupon (of one book when {@code bookId} is given) to {@code sink} as its
     * holder would see it at {@code now}, one cursor batch in memory at a time.
     */
    public void forEach(String bookId, Instant now, Consumer<UserCouponView> sink) {
        Map<String, Integer> allowedPerBook = new HashMap<>();
        try (MongoCursor<Document> cursor = coupons.find(bookId == null ? new Document() : Filters.eq("bookId", bookId))
                .batchSize(STREAM_BATCH).iterator()) {
            while (cursor.hasNext()) {
                Document coupon = cursor.next();
                sink.accept(view(coupon, now, allowedPerBook.computeIfAbsent(coupon.getString("bookId"), this::redemptionsAllowed)));
            }
        }
    }

    private int redemptionsAllowed(String bookId) {
        CouponBookView book = queries.query(new FindCouponBook(bookId), ResponseTypes.instanceOf(CouponBookView.class)).join();
        return book == null ? 1 : book.terms().redemptionsAllowedPerCoupon();
    }

    private static UserCouponView view(Document coupon, Instant now, int redemptionsAllowed) {
        Document lock = coupon.get("lock", Document.class);
        Instant lockedUntil = lock == null ? null : lock.getDate("lockedUntil").toInstant();
        boolean locked = lockedUntil != null && lockedUntil.isAfter(now);
        int redemptionCount = coupon.getInteger("redemptionCount", 0);
        CouponStatus status;
        if (locked) {
            status = CouponStatus.LOCKED;
        } else if (redemptionCount == 0) {
            status = CouponStatus.ASSIGNED;
        } else {
            status = redemptionCount >= redemptionsAllowed ? CouponStatus.EXHAUSTED : CouponStatus.REDEEMED;
        }
        return new UserCouponView(
                coupon.getString("code"),
                coupon.getString("bookId"),
                coupon.getString("userId"),
                status,
                coupon.getDate("assignedAt").toInstant(),
                locked ? lock.getString("lockId") : null,
                locked ? lockedUntil : null,
                redemptionCount,
                coupon.getList("redemptions", Document.class).stream().map(UserCouponQueries::redemption).toList());
    }

    private static RedemptionView redemption(Document redemption) {
        Map<String, String> metadata = new HashMap<>();
        if (redemption.get("metadata") instanceof Document written) {
            // The shape before metadata became a list of pairs, until user-coupons is replayed.
            written.forEach((key, value) -> metadata.put(key, String.valueOf(value)));
        } else {
            redemption.getList("metadata", Document.class).forEach(entry ->
                    metadata.put(entry.getString("key"), entry.getString("value")));
        }
        Date redeemedAt = redemption.getDate("redeemedAt");
        Date reversedAt = redemption.getDate("reversedAt");
        return new RedemptionView(redemption.getString("transactionId"), redemption.getString("redemptionId"),
                redemption.getInteger("redemptionNumber"), redeemedAt.toInstant(), metadata,
                reversedAt == null ? null : reversedAt.toInstant(), redemption.getString("reversalReason"));
    }
}
