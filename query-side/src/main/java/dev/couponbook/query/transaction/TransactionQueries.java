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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Answers transaction-log queries from {@code transactions}, newest first with the identifier as
 * tie-break, so pages neither repeat nor skip entries that share a timestamp. A page asks for one
 * entry more than it shows to know whether another page follows, instead of counting all matches.
 */
@Component
public class TransactionQueries {

    private final MongoCollection<Document> transactions;
    private final MongoCollection<Document> metadataIndex;
    private final ReadModelStatus status;

    public TransactionQueries(MongoTemplate mongo, ReadModelStatus status) {
        this.transactions = TransactionDocument.COLLECTION.in(mongo);
        this.metadataIndex = TransactionDocument.METADATA_INDEX.in(mongo);
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
        if (query.from() != null) {
            filters.add(Filters.gte(TransactionDocument.AT, Date.from(query.from())));
        }
        if (query.to() != null) {
            filters.add(Filters.lt(TransactionDocument.AT, Date.from(query.to())));
        }
        List<Document> found;
        if (query.metadataKey() == null) {
            found = page(transactions, filters, query);
        } else {
            filters.add(Filters.eq(TransactionDocument.PAIR, TransactionDocument.pair(query.metadataKey(), query.metadataValue())));
            found = entriesOf(page(metadataIndex, filters, query));
        }
        boolean hasNext = found.size() > query.size();
        List<TransactionView> items = found.stream().limit(query.size()).map(TransactionDocument::view).toList();
        return new TransactionPage(items, query.page(), query.size(), hasNext,
                status.rebuilding(TransactionProjection.PROCESSING_GROUP));
    }

    /** One page of {@code collection} plus one document, newest first; its documents carry the filter fields. */
    private static List<Document> page(MongoCollection<Document> collection, List<Bson> filters, FindTransactions query) {
        return collection.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.descending(TransactionDocument.AT, "_id"))
                .skip(query.page() * query.size())
                .limit(query.size() + 1)
                .into(new ArrayList<>());
    }

    /**
     * The entries the pairs belong to, in the pairs' order: within one pair (one key) the pair
     * ids order as the entry ids do. The batch that writes a pair writes its entry first.
     */
    private List<Document> entriesOf(List<Document> pairs) {
        List<String> ids = pairs.stream().map(pair -> pair.getString(TransactionDocument.TRANSACTION_ID)).toList();
        Map<String, Document> entries = new HashMap<>();
        transactions.find(Filters.in("_id", ids)).forEach(entry -> entries.put(entry.getString("_id"), entry));
        return ids.stream().map(entries::get).filter(Objects::nonNull).toList();
    }

    private static void equal(List<Bson> filters, String field, String value) {
        if (value != null) {
            filters.add(Filters.eq(field, value));
        }
    }
}
