package dev.couponbook.query.usercoupon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.coupon.FindUserCoupons;
import dev.couponbook.messages.coupon.UserCouponPage;
import dev.couponbook.messages.coupon.UserCouponView;
import dev.couponbook.messages.couponbook.CouponBookView;
import dev.couponbook.messages.couponbook.FindCouponBook;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.query.usercoupon.UserCouponDocument.Fields;
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
        this.coupons = UserCouponDocument.COLLECTION.in(mongo);
        this.queries = queries;
        this.status = status;
        this.clock = clock;
    }

    @QueryHandler
    public UserCouponPage handle(FindUserCoupons query) {
        Bson filter = query.bookId() == null ? Filters.eq(Fields.USER_ID, query.userId())
                : Filters.and(Filters.eq(Fields.USER_ID, query.userId()), Filters.eq(Fields.BOOK_ID, query.bookId()));
        List<Document> found = coupons.find(filter)
                .sort(Sorts.descending(Fields.ASSIGNED_AT, "_id"))
                .skip(query.page() * query.size())
                .limit(query.size() + 1)
                .into(new ArrayList<>());
        boolean hasNext = found.size() > query.size();
        Instant now = clock.instant();
        Map<String, Integer> allowedPerBook = new HashMap<>();
        List<UserCouponView> items = found.stream().limit(query.size())
                .map(coupon -> view(coupon, now, allowedPerBook.computeIfAbsent(coupon.getString(Fields.BOOK_ID), this::redemptionsAllowed)))
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
        try (MongoCursor<Document> cursor = coupons.find(bookId == null ? new Document() : Filters.eq(Fields.BOOK_ID, bookId))
                .batchSize(STREAM_BATCH).iterator()) {
            while (cursor.hasNext()) {
                Document coupon = cursor.next();
                sink.accept(view(coupon, now, allowedPerBook.computeIfAbsent(coupon.getString(Fields.BOOK_ID), this::redemptionsAllowed)));
            }
        }
    }

    private int redemptionsAllowed(String bookId) {
        CouponBookView book = queries.query(new FindCouponBook(bookId), ResponseTypes.instanceOf(CouponBookView.class)).join();
        return book == null ? 1 : book.terms().redemptionsAllowedPerCoupon();
    }

    private static UserCouponView view(Document coupon, Instant now, int redemptionsAllowed) {
        return UserCouponDocument.from(coupon).view(now, redemptionsAllowed);
    }
}
