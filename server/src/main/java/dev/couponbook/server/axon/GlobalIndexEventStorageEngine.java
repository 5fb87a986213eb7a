package dev.couponbook.server.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;

import java.time.Instant;
import java.util.Optional;

/**
 * axon-mongo's event storage engine tracking by global index ({@link GlobalIndexStorageStrategy}):
 * the engine asks the strategy for every read, but makes head tokens and tokens at a time itself,
 * as timestamp tokens.
 *
 * <p>The service takes no snapshots: its streams are short (a coupon's few actions, a wallet's
 * codes), and the busy ones stay in the aggregate caches. So loading an aggregate does not ask the
 * store for a snapshot, which was one of the few round trips of every assignment (a new user's
 * wallet is never cached), and storing one is refused rather than kept unread.
 */
public class GlobalIndexEventStorageEngine extends MongoEventStorageEngine {

    private final MongoTemplate template;
    private final GlobalIndexStorageStrategy strategy;

    GlobalIndexEventStorageEngine(MongoEventStorageEngine.Builder builder, MongoTemplate template,
                                  GlobalIndexStorageStrategy strategy) {
        super(builder.mongoTemplate(template).storageStrategy(strategy));
        this.template = template;
        this.strategy = strategy;
    }

    @Override
    public TrackingToken createHeadToken() {
        return strategy.headToken(template.eventCollection());
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return strategy.tokenAt(template.eventCollection(), dateTime);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        throw new UnsupportedOperationException("aggregates are not snapshotted here: loading one reads its events only; "
                + "a snapshot trigger needs this engine to read snapshots again");
    }

    GlobalIndexStorageStrategy strategy() {
        return strategy;
    }

    /** A stored token in the global-index form; a timestamp token (also inside a replay token) is converted. */
    TrackingToken current(TrackingToken stored) {
        if (stored instanceof MongoTrackingToken legacy) {
            return strategy.position(template.eventCollection(), legacy);
        }
        if (stored instanceof ReplayToken replay && (replay.getTokenAtReset() instanceof MongoTrackingToken
                || replay.getCurrentToken() instanceof MongoTrackingToken)) {
            return ReplayToken.createReplayToken(current(replay.getTokenAtReset()), current(replay.getCurrentToken()),
                    replay.context());
        }
        return stored;
    }
}
