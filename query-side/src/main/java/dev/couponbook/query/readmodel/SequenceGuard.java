package dev.couponbook.query.readmodel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * How a read-model document remembers which events of its stream it has applied: it stores the
 * sequence number of the last one ({@code version}), and a change is applied only by an event with
 * a higher one, so a redelivered or replayed event changes nothing. The one place this is written;
 * projections fed by many streams per document ({@code book_stats_buckets}) keep one such mark per
 * stream, under a field name of their own.
 */
public final class SequenceGuard {

    /** The field holding the sequence number of the last event applied. */
    public static final String VERSION = "version";
    /** The version of a document no event of its stream has reached yet (created by another stream). */
    public static final long NONE_APPLIED = -1L;

    private SequenceGuard() {
    }

    /** The version a document created by the event at {@code sequence} starts with. */
    public static Bson createdBy(long sequence) {
        return Updates.setOnInsert(VERSION, sequence);
    }

    /** Applies {@code change} to the document {@code id} unless it already holds the event at {@code sequence}. */
    public static UpdateOneModel<Document> applyOnce(Object id, long sequence, Bson change) {
        return new UpdateOneModel<>(notYetApplied(id, sequence), applied(change, sequence));
    }

    /** As {@link #applyOnce(Object, long, Bson)}, for a document that also matches {@code condition}. */
    public static UpdateOneModel<Document> applyOnce(Object id, long sequence, Bson condition, Bson change) {
        return new UpdateOneModel<>(notYetApplied(id, sequence, condition), applied(change, sequence));
    }

    /** Matches the document {@code id} unless it holds the event at {@code sequence}. */
    public static Bson notYetApplied(Object id, long sequence) {
        return Filters.and(Filters.eq("_id", id), Filters.lt(VERSION, sequence));
    }

    /** Matches the document {@code id}, if it also matches {@code condition}, unless it holds the event at {@code sequence}. */
    public static Bson notYetApplied(Object id, long sequence, Bson condition) {
        return Filters.and(Filters.eq("_id", id), Filters.lt(VERSION, sequence), condition);
    }

    /** {@code change}, recording that the event at {@code sequence} is applied. */
    public static Bson applied(Bson change, long sequence) {
        return Updates.combine(change, Updates.set(VERSION, sequence));
    }

    /**
     * For a document fed by many streams: matches it unless its {@code mark} for one stream already
     * holds the event at {@code sequence} (a missing mark means none was applied).
     */
    public static Bson notYetCounted(String mark, long sequence) {
        return Filters.not(Filters.gte(mark, sequence));
    }

    /** The change that records the event at {@code sequence} under {@code mark}. */
    public static Bson counted(String mark, long sequence) {
        return Updates.set(mark, sequence);
    }
}
