package dev.couponbook.query.code;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.couponbook.messages.couponbook.BookCodeView;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.couponbook.CodeStatus;
import dev.couponbook.query.readmodel.ReadModelCollection;
import dev.couponbook.query.readmodel.SequenceGuard;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored shape of a {@code book_codes} document, written by {@link BookCodeProjection} and read
 * by {@link BookCodeQueries}: its field names (as docs/read-models.md lists them) and its mapping
 * to and from {@link Document}, in this one place.
 */
public record BookCodeDocument(String code, String bookId, CodeStatus status, String userId, Instant assignedAt,
                               Instant lockedUntil, int redemptions, Instant expiresAt, boolean disabled,
                               Map<String, String> metadata) {

    public static final ReadModelCollection COLLECTION = new ReadModelCollection("book_codes", List.of(
            new IndexModel(Indexes.ascending(Fields.BOOK_ID, Fields.CODE), new IndexOptions().name("bookId_code"))));

    /** Field names; the code is the {@code _id}. */
    static final class Fields {
        static final String CODE = "_id";
        static final String BOOK_ID = "bookId";
        static final String STATUS = "status";
        static final String USER_ID = "userId";
        static final String ASSIGNED_AT = "assignedAt";
        /** Present exactly while the code is locked. */
        static final String LOCKED_UNTIL = "lockedUntil";
        /** Redemptions in effect; absent until the first redemption. */
        static final String REDEMPTIONS = "redemptions";
        /** The code's own expiry, then the coupon's once assigned; absent when it has none. */
        static final String EXPIRES_AT = "expiresAt";
        /** Present, true, exactly while the code is disabled. */
        static final String DISABLED = "disabled";
        /** The upload's metadata for the code; absent when it has none. */
        static final String METADATA = "metadata";

        private Fields() {
        }
    }

    /**
     * A code as it joins its book, before any event of its coupon. Written as BSON directly: a generated chunk
     * inserts 10,000 of them, and encoding {@link Document}s, with a codec looked up per value, was half of
     * the {@code book-codes} processor's CPU.
     */
    static RawBsonDocument available(String bookId, String code, CodeDetails details) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(128);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeString(Fields.CODE, code);
            writer.writeString(Fields.BOOK_ID, bookId);
            writer.writeString(Fields.STATUS, CodeStatus.AVAILABLE.name());
            writer.writeInt64(SequenceGuard.VERSION, SequenceGuard.NONE_APPLIED);
            if (details.expiresAt() != null) {
                writer.writeDateTime(Fields.EXPIRES_AT, details.expiresAt().toEpochMilli());
            }
            if (!details.metadata().isEmpty()) {
                // Sorted, so views and exports list a code's metadata in the same order every time.
                writer.writeStartDocument(Fields.METADATA);
                new TreeMap<>(details.metadata()).forEach(writer::writeString);
                writer.writeEndDocument();
            }
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.toByteArray());
    }

    static BookCodeDocument from(Document code) {
        Number redemptions = (Number) code.get(Fields.REDEMPTIONS);
        return new BookCodeDocument(
                code.getString(Fields.CODE),
                code.getString(Fields.BOOK_ID),
                CodeStatus.valueOf(code.getString(Fields.STATUS)),
                code.getString(Fields.USER_ID),
                instant(code.getDate(Fields.ASSIGNED_AT)),
                instant(code.getDate(Fields.LOCKED_UNTIL)),
                redemptions == null ? 0 : redemptions.intValue(),
                instant(code.getDate(Fields.EXPIRES_AT)),
                code.getBoolean(Fields.DISABLED, false),
                metadata(code.get(Fields.METADATA, Document.class)));
    }

    BookCodeView view() {
        return new BookCodeView(code, bookId, status, userId, assignedAt, lockedUntil, redemptions, expiresAt, disabled, metadata);
    }

    private static Map<String, String> metadata(Document metadata) {
        if (metadata == null) {
            return Map.of();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        metadata.forEach((key, value) -> entries.put(key, String.valueOf(value)));
        return entries;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
