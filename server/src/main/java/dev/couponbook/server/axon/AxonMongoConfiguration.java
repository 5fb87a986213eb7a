package dev.couponbook.server.axon;

import com.mongodb.client.MongoClient;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.List;

/**
 * Stores events, tracking tokens and sagas in MongoDB through axon-mongo (there is no Spring
 * Boot auto-configuration for it). Messages are serialized as JSON by Axon's Jackson
 * serializer ({@code axon.serializer.*=jackson}) so auditors can read payloads in the store.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMongoConfiguration {

    /** With transactions, axon-mongo's collections come through the transaction-bound Spring template. */
    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, @Value("${spring.data.mongodb.database}") String database,
                                           MongoTransactions transactions,
                                           org.springframework.data.mongodb.core.MongoTemplate mongoTemplate) {
        return transactions.enabled() ? new TransactionBoundAxonMongoTemplate(mongoTemplate)
                : DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    /**
     * Tracking processors read the store in timestamp order, and an event's timestamp is taken
     * when its command runs, before its insert becomes visible. One that becomes visible more
     * than the look-back window after processors have passed its timestamp is never delivered
     * to them; axon-mongo's default window (1 s) lost a few events per 10^4 in the soak run, as
     * the embedded store held inserts for seconds behind a generation job. The window
     * ({@code couponbook.events.look-back}) must exceed the longest such delay a deployment can
     * see (slow commits, a primary election); each processor's token then carries the ids of
     * the events of the last window.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Serializer serializer,
                                                 List<EventUpcaster> upcasters,
                                                 @Value("${couponbook.events.look-back:10s}") Duration lookBack) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new DocumentPerEventStorageStrategy(EventEntryConfiguration.getDefault(), lookBack))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters))
                .build();
        engine.ensureIndexes();
        return engine;
    }

    /**
     * Token claims carry this instance's node id. Axon's default (pid@host) is not unique when
     * two instances share a host and a JVM id space (containers, tests), so a random part is added.
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, NodeId nodeId) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(nodeId.value())
                .ensureIndexes(true)
                .build();
    }

    @Bean
    public NodeId nodeId() {
        return NodeId.random();
    }

    /**
     * Every tracking processor splits its stream into {@code couponbook.processing.segments}
     * segments with as many threads: one instance processes them all, several instances share
     * them (see {@link SegmentBalancer}). Each segment reads the whole stream, so a single
     * instance is best served by one; deployments of several instances set more. Up to
     * {@code couponbook.processing.batch-size} events that are already there share one unit of
     * work and one token update: a token carries the ids of the look-back window's events, too
     * large to store after every single event. The handlers are idempotent, so a batch that
     * fails part-way is simply handled again. (The read models set their own batch size.)
     */
    @Autowired
    void trackingProcessors(EventProcessingConfigurer processing,
                            @Value("${couponbook.processing.segments:1}") int segments,
                            @Value("${couponbook.processing.batch-size:100}") int batchSize) {
        processing.registerTrackingEventProcessorConfiguration(configuration ->
                TrackingEventProcessorConfiguration.forParallelProcessing(segments).andInitialSegmentsCount(segments)
                        .andBatchSize(batchSize));
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
}
