package dev.couponbook.server.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static dev.couponbook.server.axon.EventStorageFixture.last;
import static dev.couponbook.server.axon.EventStorageFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tracking by global index on the storage engine itself: an index passed before its event is
 * visible is a gap, delivered when the event appears, given up after the gap timeout; failed
 * appends leave such gaps, and a token never holds more than the cap.
 */
class GlobalIndexTrackingTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final MovableClock clock = new MovableClock();
    private EventStorageFixture store;
    private GlobalIndexStorageStrategy strategy;
    private GlobalIndexEventStorageEngine engine;

    @BeforeEach
    void start() {
        store = new EventStorageFixture();
        strategy = store.strategy(new EventTrackingProperties(GAP_TIMEOUT, 50, null, null), clock);
        engine = store.engine(strategy);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void canDeliverAnEventThatBecameVisibleAfterLaterOnes() {
        engine.appendEvents(event("a", 0));
        long heldBack = strategy.reserve(1);
        engine.appendEvents(event("b", 0));
        GapAwareTrackingToken afterB = last(read(engine, null));
        assertThat(afterB.getGaps()).containsExactly(heldBack);

        clock.advance(GAP_TIMEOUT.minusSeconds(1));
        DomainEventMessage<?> late = event("late", 0);
        store.insert(late, heldBack);
        List<? extends TrackedEventMessage<?>> next = read(engine, afterB);

        assertThat(next).extracting(TrackedEventMessage::getIdentifier).containsExactly(late.getIdentifier());
        assertThat(last(next).getGaps()).isEmpty();
        assertThat(last(next).getIndex()).isEqualTo(afterB.getIndex());
    }

    @Test
    void canGiveUpTheGapOfAFailedAppendAfterTheTimeout() {
        engine.appendEvents(event("a", 0), event("a", 1));
        assertThatThrownBy(() -> engine.appendEvents(event("a", 1))).isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("b", 0));
        GapAwareTrackingToken afterB = last(read(engine, null));
        assertThat(afterB.getGaps()).hasSize(1);
        read(engine, afterB);

        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        engine.appendEvents(event("c", 0));

        assertThat(last(read(engine, afterB)).getGaps()).isEmpty();
    }

    @Test
    void cannotKeepMoreGapsThanTheCap() {
        for (int i = 0; i < 200; i++) {
            strategy.reserve(1);
            engine.appendEvents(event("aggregate-" + i, 0));
        }

        GapAwareTrackingToken token = last(read(engine, null));

        assertThat(token.getGaps()).hasSize(50);
        assertThat(token.getGaps().last()).isEqualTo(token.getIndex() - 1);
    }

    @Test
    void cannotMakeGapsOfIndexesSkippedLongBeforeAProcessorGetsThere() {
        engine.appendEvents(event("a", 0));
        strategy.reserve(1);
        engine.appendEvents(event("b", 0));
        clock.advance(GAP_TIMEOUT.multipliedBy(6).plusSeconds(1));

        assertThat(last(read(engine, null)).getGaps()).isEmpty();
    }

    @Test
    void canWaitForAnIndexSkippedBeforeAnEventWhoseCommandRanLong() {
        engine.appendEvents(event("a", 0));
        long heldBack = strategy.reserve(1);
        DomainEventMessage<?> slow = event("slow", 0);
        clock.advance(GAP_TIMEOUT.plusSeconds(5));
        engine.appendEvents(slow);

        assertThat(last(read(engine, null)).getGaps()).containsExactly(heldBack);
    }

    private DomainEventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, aggregate + "#" + sequence, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), clock.instant());
    }
}
