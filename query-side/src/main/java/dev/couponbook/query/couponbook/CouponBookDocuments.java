package dev.couponbook.query.couponbook;

import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookView;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.couponbook.query.readmodel.MetadataPairs;
import dev.couponbook.query.readmodel.ReadModelCollection;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The stored shape of a {@code coupon_books} document, written by {@link CouponBookProjection} and
 * read by {@link CouponBookQueries}: its collection and indexes, its field names (as
 * docs/read-models.md lists them) and the mapping of terms and views to and from {@link Document}.
 */
public final class CouponBookDocuments {

    public static final ReadModelCollection COLLECTION = new ReadModelCollection("coupon_books", List.of(
            new IndexModel(Indexes.descending(Fields.CREATED_AT, "_id"), new IndexOptions().name("createdAt_desc"))));

    /** Field names; {@code _id} is the book id. */
    static final class Fields {
        static final String TERMS = "terms";
        static final String ACTIVE = "active";
        static final String TOTAL_CODES = "totalCodes";
        static final String CREATED_AT = "createdAt";
        static final String UPDATED_AT = "updatedAt";
        static final String METADATA = "metadata";

        private Fields() {
        }
    }

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
                .append("codePattern", terms.codePattern())
                .append("maxRedemptionsPerCode", terms.maxRedemptionsPerCode())
                .append("maxRedemptionsTotal", terms.maxRedemptionsTotal())
                .append("codeValidityAfterAssignment", terms.codeValidityAfterAssignment() == null ? null
                        : terms.codeValidityAfterAssignment().toString());
    }

    /** A book's metadata as stored: {@link MetadataPairs}, so no key becomes a field name. */
    static List<Document> metadata(Map<String, String> metadata) {
        return MetadataPairs.of(metadata);
    }

    static CouponBookView view(Document book) {
        Document terms = book.get(Fields.TERMS, Document.class);
        // Documents written before maxRedemptionsPerCode existed hold the per-coupon limit as maxRedemptionsPerUser.
        boolean legacy = !terms.containsKey("maxRedemptionsPerCode");
        return new CouponBookView(
                book.getString("_id"),
                new CouponBookTerms(
                        terms.getString("name"),
                        terms.getString("description"),
                        instant(terms.getDate("startDate")),
                        instant(terms.getDate("endDate")),
                        terms.getInteger("maxCodesPerUser"),
                        legacy ? null : terms.getInteger("maxRedemptionsPerUser"),
                        terms.getBoolean("allowMultipleRedemptions", false),
                        terms.getString("codePattern"),
                        terms.getInteger(legacy ? "maxRedemptionsPerUser" : "maxRedemptionsPerCode"),
                        terms.getInteger("maxRedemptionsTotal"),
                        terms.getString("codeValidityAfterAssignment") == null ? null
                                : Duration.parse(terms.getString("codeValidityAfterAssignment"))),
                book.getBoolean(Fields.ACTIVE, false),
                ((Number) book.get(Fields.TOTAL_CODES)).longValue(),
                instant(book.getDate(Fields.CREATED_AT)),
                instant(book.getDate(Fields.UPDATED_AT)),
                MetadataPairs.read(book.getList(Fields.METADATA, Document.class)));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
