package dev.couponbook.query.transaction;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.transaction.FindTransactions;
import dev.couponbook.messages.transaction.TransactionPage;
import dev.couponbook.messages.transaction.TransactionView;
import dev.couponbook.query.readmodel.ReadModelStatus;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Answers transaction-log queries from {@code transactions}, newest first with the identifier as
 * tie-break, so pages neither repeat nor skip entries that share a timestamp. A page asks for one
 * entry more than it shows to know whether another page follows, instead of counting all matches.
 */
@Component
public class TransactionQueries {

    private final MongoCollection<Document> transactions;
    private final ReadModelStatus status;

    public TransactionQueries(MongoTemplate mongo, ReadModelStatus status) {
        this.transactions = TransactionDocument.COLLECTION.in(mongo);
        this.status = status;
    }

    /** How many entries the log holds, of one book when {@code bookId} is given. */
    public long count(String bookId) {
        return bookId == null ? transactions.countDocuments() : transactions.countDocuments(Filters.eq(TransactionDocument.BOOK_ID, bookId));
    }

    @QueryHandler
    public TransactionPage handle(FindTransactions query) {
        List<Bson> filters = new ArrayList<>();
        equal(filters, TransactionDocument.USER_ID, query.userId());
        equal(filters, TransactionDocument.CODE, query.code());
        equal(filters, TransactionDocument.BOOK_ID, query.bookId());
        equal(filters, TransactionDocument.ACTION, query.action() == null ? null : query.action().name());
        equal(filters, TransactionDocument.STATUS, query.status() == null ? null : query.status().name());
        if (query.metadataKey() != null) {
            filters.add(Filters.eq(TransactionDocument.METADATA, TransactionDocument.pair(query.metadataKey(), query.metadataValue())));
        }
        if (query.from() != null) {
            filters.add(Filters.gte(TransactionDocument.AT, Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt(TransactionDocument.AT, Date.from(query.to())));
        }
        List<Document> found = transactions.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending(TransactionDocument.AT, "_id"))
                .skip(query.page() * query.size())
                .limit(query.size() + 1)
                .into(new ArrayList<>());
        boolean hasNext = found.size() > query.size();
        List<TransactionView> items = found.stream().limit(query.size()).map(TransactionDocument::view).toList();
        return new TransactionPage(items, query.page(), query.size(), hasNext,
                status.rebuilding(TransactionProjection.PROCESSING_GROUP));
    }

    private static void equal(List<Bson> filters, String field, String value) {
        if (value != null) {
            filters.add(Filters.eq(field, value));
        }
    }
}
