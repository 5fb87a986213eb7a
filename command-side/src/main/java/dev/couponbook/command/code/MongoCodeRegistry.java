package dev.couponbook.command.code;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code registry in MongoDB: a claim is a document whose {@code _id} is the code, so the
 * database's unique primary key decides every race between books, uploads and concurrent
 * generation chunks, on MongoDB and on the embedded server alike.
 */
@Component
public class MongoCodeRegistry implements CodeRegistry {

    static final String COLLECTION = "code_registry";

    private final MongoCollection<Document> claims;

    public MongoCodeRegistry(MongoTemplate mongo) {
        this.claims = mongo.getCollection(COLLECTION);
    }

    /**
     * Without a transaction the primary key alone sorts free codes from held ones: the insert
     * refuses the held ones as duplicates. Inside a MongoDB transaction (replica sets) a failed
     * write would abort the whole unit of work, so the held codes are looked up first and only
     * free ones inserted; a claim racing another for the same code then fails as a write
     * conflict, which the command's retry answers by claiming again.
     */
    @Override
    public Claim claim(String bookId, String batchId, List<String> codes, Map<String, Instant> expiries) {
        if (codes.isEmpty()) {
            return new Claim(List.of(), Map.of());
        }
        Map<String, Document> owners = TransactionSynchronizationManager.isActualTransactionActive() ? owners(codes) : new HashMap<>();
        List<String> inserted = new ArrayList<>(codes.size());
        List<RawBsonDocument> documents = new ArrayList<>(codes.size());
        for (String code : codes) {
            if (!owners.containsKey(code)) {
                inserted.add(code);
                documents.add(claimOf(code, bookId, batchId, expiries.get(code)));
            }
        }
        List<String> lostRaces = new ArrayList<>();
        try {
            if (!documents.isEmpty()) {
                claims.withDocumentClass(RawBsonDocument.class).insertMany(documents, new InsertManyOptions().ordered(false));
            }
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                lostRaces.add(inserted.get(error.getIndex()));
            }
        }
        if (!lostRaces.isEmpty()) {
            owners.putAll(owners(lostRaces));
        }
        Map<String, Refusal> refused = new LinkedHashMap<>();
        for (String code : codes) {
            Document owner = owners.get(code);
            if (owner != null && !batchId.equals(owner.getString("batchId"))) {
                refused.put(code, bookId.equals(owner.getString("bookId")) ? Refusal.USED_BY_THIS_BOOK : Refusal.USED_BY_ANOTHER_BOOK);
            }
        }
        List<String> claimed = new ArrayList<>(codes.size() - refused.size());
        for (String code : codes) {
            if (!refused.containsKey(code)) {
                claimed.add(code);
            }
        }
        return new Claim(claimed, refused);
    }

    /**
     * Written as BSON directly: a generated chunk claims 10,000 codes, and encoding {@link Document}s, with a
     * codec looked up per value, cost more than the claim's round trip.
     */
    private static RawBsonDocument claimOf(String code, String bookId, String batchId, Instant expiresAt) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(96);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeString("_id", code);
            writer.writeString("bookId", bookId);
            writer.writeString("batchId", batchId);
            if (expiresAt != null) {
                writer.writeDateTime("expiresAt", expiresAt.toEpochMilli());
            }
            writer.writeEndDocument();
        }
        return new RawBsonDocument(buffer.toByteArray());
    }

    private Map<String, Document> owners(Collection<String> codes) {
        Map<String, Document> owners = new HashMap<>();
        claims.find(Filters.in("_id", codes)).forEach(owner -> owners.put(owner.getString("_id"), owner));
        return owners;
    }

    @Override
    public String bookOf(String code) {
        Document owner = claims.find(Filters.eq("_id", code)).first();
        return owner == null ? null : owner.getString("bookId");
    }

    @Override
    public Instant expiryOf(String code) {
        Document owner = claims.find(Filters.eq("_id", code)).first();
        Date expiresAt = owner == null ? null : owner.getDate("expiresAt");
        return expiresAt == null ? null : expiresAt.toInstant();
    }

    @Override
    public Map<String, String> batchesOf(Collection<String> codes) {
        Map<String, String> batches = new HashMap<>();
        if (!codes.isEmpty()) {
            claims.find(Filters.in("_id", codes)).forEach(owner -> batches.put(owner.getString("_id"), owner.getString("batchId")));
        }
        return batches;
    }
}
