package dev.couponbook.query.transaction;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.couponbook.messages.transaction.TransactionAction;
import dev.couponbook.messages.transaction.TransactionStatus;
import dev.couponbook.messages.transaction.TransactionView;
import dev.couponbook.query.readmodel.ReadModelCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored shape of a {@code transactions} entry, written by {@link TransactionProjection} and
 * read by {@link TransactionQueries}: its collection and indexes, its field names (as
 * docs/read-models.md lists them) and its mapping from {@link Document}, in this one place.
 */
public final class TransactionDocument {

    static final String ACTION = "action";
    static final String STATUS = "status";
    static final String REASON = "reason";
    static final String USER_ID = "userId";
    static final String CODE = "code";
    static final String BOOK_ID = "bookId";
    static final String LOCK_ID = "lockId";
    static final String REDEMPTION_ID = "redemptionId";
    static final String AT = "at";
    static final String ISSUED_BY = "issuedBy";
    static final String ROLES = "roles";
    static final String CLIENT = "client";
    static final String CORRELATION_ID = "correlationId";
    static final String CAUSATION_ID = "causationId";
    /**
     * The entry's own metadata as one {@code key + U+001F + value} string per entry, so that one
     * equality on an indexed array finds a pair: the unit separator is a control character, which
     * no metadata key may hold, so the first one always ends the key.
     */
    static final String METADATA = "metadata";
    private static final char PAIR_SEPARATOR = '\u001f';

    /**
     * Every filter combination of the endpoint is answered through one of these, newest first, so
     * a page reads only its own entries: the low-cardinality filters (book, action, status) have
     * an index for each combination, with the time as the next key; a user's or a code's entries
     * are few, so their index narrows any combination containing them to a handful, and so are the
     * entries of one metadata pair (an order id).
     */
    static final List<List<String>> EQUALITY_PREFIXES = List.of(
            List.of(), List.of(USER_ID), List.of(CODE), List.of(BOOK_ID), List.of(ACTION), List.of(STATUS),
            List.of(BOOK_ID, ACTION), List.of(BOOK_ID, STATUS), List.of(ACTION, STATUS),
            List.of(BOOK_ID, ACTION, STATUS), List.of(METADATA));

    public static final ReadModelCollection COLLECTION = new ReadModelCollection("transactions", indexes());

    private TransactionDocument() {
    }

    private static List<IndexModel> indexes() {
        List<IndexModel> indexes = new ArrayList<>();
        for (List<String> prefix : EQUALITY_PREFIXES) {
            List<Bson> keys = new ArrayList<>();
            if (!prefix.isEmpty()) {
                keys.add(Indexes.ascending(prefix));
            }
            keys.add(Indexes.descending(AT, "_id"));
            String name = String.join("_", prefix) + (prefix.isEmpty() ? "" : "_") + AT;
            indexes.add(new IndexModel(Indexes.compoundIndex(keys), new IndexOptions().name(name)));
        }
        return indexes;
    }

    /** The stored form of one metadata pair, as {@link #METADATA} holds it and a filter looks it up. */
    static String pair(String key, String value) {
        return key + PAIR_SEPARATOR + value;
    }

    static List<String> metadata(Map<String, String> metadata) {
        return metadata.entrySet().stream().map(entry -> pair(entry.getKey(), entry.getValue())).toList();
    }

    /** An entry's metadata; none when it has no such field (every entry but a redemption, or one written before the field). */
    private static Map<String, String> metadata(Document entry) {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<String> pairs = entry.getList(METADATA, String.class);
        if (pairs != null) {
            pairs.forEach(pair -> {
                int separator = pair.indexOf(PAIR_SEPARATOR);
                metadata.put(pair.substring(0, separator), pair.substring(separator + 1));
            });
        }
        return metadata;
    }

    static TransactionView view(Document entry) {
        return new TransactionView(
                entry.getString("_id"),
                TransactionAction.valueOf(entry.getString(ACTION)),
                TransactionStatus.valueOf(entry.getString(STATUS)),
                entry.getString(REASON),
                entry.getString(USER_ID),
                entry.getString(CODE),
                entry.getString(BOOK_ID),
                entry.getString(LOCK_ID),
                entry.getString(REDEMPTION_ID),
                entry.getDate(AT).toInstant(),
                entry.getString(ISSUED_BY),
                entry.getString(CLIENT),
                entry.getString(CORRELATION_ID),
                metadata(entry));
    }
}
