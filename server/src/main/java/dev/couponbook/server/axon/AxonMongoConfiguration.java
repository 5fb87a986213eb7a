package dev.couponbook.server.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/**
 * Stores events, tracking tokens and sagas in MongoDB through axon-mongo (there is no Spring
 * Boot auto-configuration for it). Messages are serialized as JSON by Axon's Jackson
 * serializer ({@code axon.serializer.*=jackson}) so auditors can read payloads in the store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventTrackingProperties.class)
public class AxonMongoConfiguration {

    /** The collection of the global index counter and its migration lease. */
    static final String EVENT_COUNTERS = "eventcounters";
    /** Range reads of the event stream by where they were answered: the share of replays and catch-ups read once. */
    static final String RANGE_READS = "couponbook.events.range.reads";
    /** One help text for both sources: Prometheus keeps one per metric name. */
    private static final String RANGE_READS_HELP =
            "reads of the event stream's next range: sent to the store, or answered by another reader's (shared)";

    /** With transactions, axon-mongo's collections come through the transaction-bound Spring template. */
    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, MongoProperties mongo,
                                           MongoTransactions transactions,
                                           org.springframework.data.mongodb.core.MongoTemplate mongoTemplate) {
        return transactions.enabled() ? new TransactionBoundAxonMongoTemplate(mongoTemplate)
                : DefaultMongoTemplate.builder().mongoDatabase(client, mongo.getDatabase()).build();
    }

    /**
     * Events are tracked by a global index given at append ({@link GlobalIndexStorageStrategy}),
     * so a token holds a position and the few appends still in flight, whatever the event rate.
     * The index counter is a plain collection of the client's database, outside any transaction.
     * Events stored before the index existed get one before anything reads the store.
     */
    @Bean
    public GlobalIndexEventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate, MongoClient client,
                                                            @Qualifier("eventSerializer") Serializer eventSerializer,
                                                            Serializer serializer,
                                                            List<EventUpcaster> upcasters,
                                                            EventTrackingProperties tracking, NodeId nodeId, Clock clock,
                                                            MeterRegistry registry) {
        MongoCollection<Document> events = axonMongoTemplate.eventCollection();
        MongoCollection<Document> counters = client.getDatabase(events.getNamespace().getDatabaseName())
                .getCollection(EVENT_COUNTERS);
        GlobalIndexStorageStrategy strategy = new GlobalIndexStorageStrategy(counters, tracking, clock);
        GlobalIndexEventStorageEngine engine = new GlobalIndexEventStorageEngine(MongoEventStorageEngine.builder()
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .batchSize(tracking.readBatchSize())
                .upcasterChain(new EventUpcasterChain(upcasters)), axonMongoTemplate, strategy);
        new GlobalIndexMigration(events, counters, strategy, nodeId.value(), clock).run();
        FunctionCounter.builder(RANGE_READS, strategy, GlobalIndexStorageStrategy::storeReads).tag("source", "store")
                .description(RANGE_READS_HELP).register(registry);
        FunctionCounter.builder(RANGE_READS, strategy, GlobalIndexStorageStrategy::sharedReads).tag("source", "shared")
                .description(RANGE_READS_HELP).register(registry);
        return engine;
    }

    /**
     * Token claims carry this instance's node id. Axon's default (pid@host) is not unique when
     * two instances share a host and a JVM id space (containers, tests), so a random part is added.
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, NodeId nodeId,
                                 GlobalIndexEventStorageEngine events, Clock clock) {
        return new ServiceTokenStore(MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(nodeId.value())
                .ensureIndexes(true)
                .build(), events, clock);
    }

    @Bean
    public NodeId nodeId() {
        return NodeId.random();
    }

    @Bean
    public SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .build();
    }

    /**
     * Keeps loaded books in memory: a book's stream holds one event per code batch, and the
     * generation worker records a batch every few milliseconds. A stale entry is harmless: the
     * event store rejects an append on an outdated sequence number and Axon evicts the entry.
     */
    @Bean
    public Cache couponBookCache() {
        return new WeakReferenceCache();
    }

    /**
     * Keeps loaded coupons and wallets in memory: every lock, redemption and wallet confirmation
     * would otherwise read the aggregate's stream again. An entry that another instance made
     * stale fails its append with a concurrency conflict, is evicted, and the command is retried.
     */
    @Bean
    public Cache couponCache() {
        return new WeakReferenceCache();
    }

    @Bean
    public Cache walletCache() {
        return new WeakReferenceCache();
    }

    /** Keeps loaded budgets and budget slices in memory: every redemption of a book with a budget draws from a slice. */
    @Bean
    public Cache budgetCache() {
        return new WeakReferenceCache();
    }
}
