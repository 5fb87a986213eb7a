package dev.couponbook.query.couponbook;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.couponbook.CouponBookPage;
import dev.couponbook.messages.couponbook.CouponBookView;
import dev.couponbook.messages.couponbook.FindCouponBook;
import dev.couponbook.messages.couponbook.FindCouponBooks;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Answers book queries from the {@code coupon_books} read model. */
@Component
public class CouponBookQueries {

    private final MongoCollection<Document> books;

    public CouponBookQueries(MongoTemplate mongo) {
        this.books = CouponBookDocuments.COLLECTION.in(mongo);
    }

    @QueryHandler
    public CouponBookView handle(FindCouponBook query) {
        Document book = books.find(Filters.eq("_id", query.bookId())).first();
        return book == null ? null : CouponBookDocuments.view(book);
    }

    @QueryHandler
    public CouponBookPage handle(FindCouponBooks query) {
        List<CouponBookView> items = new ArrayList<>(query.size());
        books.find()
                .sort(Sorts.descending(CouponBookDocuments.Fields.CREATED_AT, "_id"))
                .skip(query.page() * query.size())
                .limit(query.size())
                .forEach(book -> items.add(CouponBookDocuments.view(book)));
        return new CouponBookPage(items, query.page(), query.size(), books.countDocuments());
    }
}
