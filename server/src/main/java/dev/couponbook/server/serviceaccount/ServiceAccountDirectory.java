package dev.couponbook.server.serviceaccount;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.serviceaccount.ServiceAccountCreated;
import dev.couponbook.messages.serviceaccount.ServiceAccountDisabled;
import dev.couponbook.messages.serviceaccount.ServiceAccountEnabled;
import dev.couponbook.messages.serviceaccount.ServiceAccountSecretRotated;
import dev.couponbook.query.readmodel.SequenceGuard;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The accounts' current state in {@code service_accounts}, written from their events subscribing,
 * inside the unit of work that stored the event (as the command side's book terms are), so a
 * rotation or a disable is in MongoDB when it is answered. Updates are guarded by the event's
 * sequence number. Token checks read the state through a cache of at most
 * {@link ServiceAccountProperties#stateCacheTtl()}: this instance forgets an entry as soon as it
 * writes it, the others within that time.
 */
@Component
@ProcessingGroup(ServiceAccountDirectory.PROCESSING_GROUP)
public class ServiceAccountDirectory {

    public static final String PROCESSING_GROUP = "service-accounts";
    static final String COLLECTION = "service_accounts";

    /** What a token check needs: whether the account may act, and which secret its tokens must come from. */
    public record State(boolean enabled, String secretId) {
    }

    private final MongoCollection<Document> accounts;
    private final ServiceAccountSecrets secrets;
    private final Cache<String, Optional<State>> states;

    public ServiceAccountDirectory(MongoTemplate mongo, ServiceAccountSecrets secrets, ServiceAccountProperties settings) {
        this.accounts = mongo.getCollection(COLLECTION);
        this.secrets = secrets;
        this.states = Caffeine.newBuilder().expireAfterWrite(settings.stateCacheTtl()).maximumSize(10_000).build();
    }

    @EventHandler
    void on(ServiceAccountCreated event, @SequenceNumber long sequence) {
        accounts.updateOne(Filters.eq("_id", event.clientId()),
                Updates.combine(Updates.setOnInsert("name", event.name()),
                        Updates.setOnInsert("createdAt", Date.from(event.createdAt())),
                        Updates.setOnInsert("enabled", true),
                        Updates.setOnInsert("secretId", event.secretId()),
                        Updates.setOnInsert("secretRotatedAt", Date.from(event.createdAt())),
                        SequenceGuard.createdBy(sequence)),
                new UpdateOptions().upsert(true));
        states.invalidate(event.clientId());
    }

    /** Also deletes the former secret's hash: a secret no event names can never be checked again. */
    @EventHandler
    void on(ServiceAccountSecretRotated event, @SequenceNumber long sequence) {
        Document before = accounts.findOneAndUpdate(
                SequenceGuard.notYetApplied(event.clientId(), sequence),
                SequenceGuard.applied(Updates.combine(Updates.set("secretId", event.secretId()),
                        Updates.set("secretRotatedAt", Date.from(event.rotatedAt()))), sequence),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        states.invalidate(event.clientId());
        if (before != null && !event.secretId().equals(before.getString("secretId"))) {
            secrets.delete(before.getString("secretId"));
        }
    }

    @EventHandler
    void on(ServiceAccountDisabled event, @SequenceNumber long sequence) {
        applyOnce(event.clientId(), sequence, Updates.set("enabled", false));
    }

    @EventHandler
    void on(ServiceAccountEnabled event, @SequenceNumber long sequence) {
        applyOnce(event.clientId(), sequence, Updates.set("enabled", true));
    }

    private void applyOnce(String clientId, long sequence, Bson change) {
        accounts.updateOne(SequenceGuard.notYetApplied(clientId, sequence), SequenceGuard.applied(change, sequence));
        states.invalidate(clientId);
    }

    /** The account's state as this instance last read it, at most the cache's time ago: for every request's token. */
    public Optional<State> state(String clientId) {
        return states.get(clientId, this::stateNow);
    }

    /** The account's state as stored now: for a token request, which costs a hash check anyway. */
    Optional<State> stateNow(String clientId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", clientId)).first())
                .map(account -> new State(account.getBoolean("enabled", false), account.getString("secretId")));
    }

    /** The account as stored now, for admins. */
    public Optional<ServiceAccountView> find(String clientId) {
        return Optional.ofNullable(accounts.find(Filters.eq("_id", clientId)).first()).map(ServiceAccountDirectory::view);
    }

    public List<ServiceAccountView> list() {
        List<ServiceAccountView> all = new ArrayList<>();
        accounts.find().sort(Sorts.ascending("createdAt", "_id")).forEach(account -> all.add(view(account)));
        return all;
    }

    private static ServiceAccountView view(Document account) {
        return new ServiceAccountView(account.getString("_id"), account.getString("name"),
                account.getBoolean("enabled", false), instant(account.getDate("createdAt")),
                instant(account.getDate("secretRotatedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
