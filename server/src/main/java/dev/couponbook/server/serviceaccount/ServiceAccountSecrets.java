package dev.couponbook.server.serviceaccount;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The hashes of service-account secrets in {@code service_account_secrets}, keyed by secret id,
 * outside the event store: events are kept forever and auditors read them, a hash here can be
 * deleted when its secret is replaced. A hash is stored before the event naming its secret, so a
 * secret is never current without one; a hash whose command failed is named by no event and never checked.
 */
@Component
public class ServiceAccountSecrets {

    static final String COLLECTION = "service_account_secrets";

    private final MongoCollection<Document> hashes;

    public ServiceAccountSecrets(MongoTemplate mongo) {
        this.hashes = mongo.getCollection(COLLECTION);
    }

    void store(String secretId, String clientId, String hash) {
        hashes.insertOne(new Document("_id", secretId).append("clientId", clientId).append("hash", hash));
    }

    /** The hash of {@code secretId} when it belongs to {@code clientId}. */
    Optional<String> hash(String secretId, String clientId) {
        return Optional.ofNullable(hashes.find(Filters.and(Filters.eq("_id", secretId), Filters.eq("clientId", clientId)))
                .first()).map(secret -> secret.getString("hash"));
    }

    void delete(String secretId) {
        hashes.deleteOne(Filters.eq("_id", secretId));
    }
}
