package dev.couponbook.query.couponbook;

import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookView;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** Maps book terms and views to and from their Mongo documents. */
final class CouponBookDocuments {

    private CouponBookDocuments() {
    }

    static Document terms(CouponBookTerms terms) {
        return new Document("name", terms.name())
                .append("description", terms.description())
                .append("startDate", date(terms.startDate()))
                .append("endDate", date(terms.endDate()))
                .append("maxCodesPerUser", terms.maxCodesPerUser())
                .append("maxRedemptionsPerUser", terms.maxRedemptionsPerUser())
                .append("allowMultipleRedemptions", terms.allowMultipleRedemptions())
                .append("codePattern", terms.codePattern());
    }

    static CouponBookView view(Document book) {
        Document terms = book.get("terms", Document.class);
        return new CouponBookView(
                book.getString("_id"),
                new CouponBookTerms(
                        terms.getString("name"),
                        terms.getString("description"),
                        instant(terms.getDate("startDate")),
                        instant(terms.getDate("endDate")),
                        terms.getInteger("maxCodesPerUser"),
                        terms.getInteger("maxRedemptionsPerUser"),
                        terms.getBoolean("allowMultipleRedemptions", false),
                        terms.getString("codePattern")),
                book.getBoolean("active", false),
                ((Number) book.get("totalCodes")).longValue(),
                instant(book.getDate("createdAt")),
                instant(book.getDate("updatedAt")));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
