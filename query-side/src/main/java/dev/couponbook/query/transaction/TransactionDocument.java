package dev.couponbook.query.transaction;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.couponbook.messages.transaction.TransactionAction;
import dev.couponbook.messages.transaction.TransactionStatus;
import dev.couponbook.messages.transaction.TransactionView;
import dev.couponbook.query.readmodel.MetadataPairs;
import dev.couponbook.query.readmodel.ReadModelCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

/**
 * The stored shape of a {@code transactions} entry, written by {@link TransactionProjection} and
 * read by {@link TransactionQueries}: its collection and indexes, its field names (as
 * docs/read-models.md lists them) and its mapping from {@link Document}, in this one place; also
 * {@code transaction_metadata}, which finds the entries of one metadata pair.
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
    /** The entry's own metadata (a redemption's) as {@link MetadataPairs}; absent when it has none. */
    static final String METADATA = "metadata";
    /** In {@code transaction_metadata}: the pair, {@code key + U+001F + value}, and the entry it belongs to. */
    static final String PAIR = "pair";
    static final String TRANSACTION_ID = "transactionId";
    // No metadata key holds a control character, so the first U+001F always ends the key.
    private static final char PAIR_SEPARATOR = '\u001f';

    /**
     * Every filter combination of the endpoint is answered through one of these, newest first, so
     * a page reads only its own entries: the low-cardinality filters (book, action, status) have
     * an index for each combination, with the time as the next key; a user's or a code's entries
     * are few, so their index narrows any combination containing them to a handful.
     */
    static final List<List<String>> EQUALITY_PREFIXES = List.of(
            List.of(), List.of(USER_ID), List.of(CODE), List.of(BOOK_ID), List.of(ACTION), List.of(STATUS),
            List.of(BOOK_ID, ACTION), List.of(BOOK_ID, STATUS), List.of(ACTION, STATUS),
            List.of(BOOK_ID, ACTION, STATUS));

    public static final ReadModelCollection COLLECTION = new ReadModelCollection("transactions", indexes());

    /**
     * One document per metadata pair of an entry, with the entry's filter fields and time. A pair
     * gets its own document because an index over an array (one key per pair in the entry) is
     * multikey, which the embedded MongoDB cannot use at all; here the pair is one scalar, and
     * the entries of one pair (an order id) are few, so its index narrows any other filter too.
     */
    public static final ReadModelCollection METADATA_INDEX = new ReadModelCollection("transaction_metadata", List.of(
            new IndexModel(Indexes.compoundIndex(Indexes.ascending(PAIR), Indexes.descending(AT, "_id")),
                    new IndexOptions().name("pair_at"))));

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

    /** The stored form of one metadata pair, as {@link #METADATA_INDEX} holds it and a filter looks it up. */
    static String pair(String key, String value) {
        return key + PAIR_SEPARATOR + value;
    }

    /** The id of a pair's document: the entry's, then the key, which is unique within the entry. */
    static String pairId(String transactionId, String key) {
        return transactionId + PAIR_SEPARATOR + key;
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
                MetadataPairs.read(entry.getList(METADATA, Document.class)));
    }
}
