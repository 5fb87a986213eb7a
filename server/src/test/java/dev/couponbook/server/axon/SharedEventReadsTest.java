package dev.couponbook.server.axon;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.couponbook.server.axon.EventStorageFixture.last;
import static dev.couponbook.server.axon.EventStorageFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers of one instance that read the same range of the stream share one read of it: what each
 * receives, tokens included, is what it would have read from the store at the instant of that
 * read, so an event missing from a shared range is still delivered once it appears.
 * The storage engine reads batches of 100 events.
 */
class SharedEventReadsTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);

    private final MovableClock clock = new MovableClock();
    private final EventStorageFixture store = new EventStorageFixture();
    private GlobalIndexStorageStrategy strategy;
    private GlobalIndexEventStorageEngine engine;

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void canAnswerASecondReaderFromTheRangesTheFirstRead() {
        start(5_000);
        List<String> appended = append(250);

        List<? extends TrackedEventMessage<?>> first = read(engine, null);
        long storeReadsOfFirst = strategy.storeReads();
        List<? extends TrackedEventMessage<?>> second = read(engine, null);

        assertThat(identifiers(first)).containsExactlyElementsOf(appended);
        assertThat(identifiers(second)).containsExactlyElementsOf(appended);
        assertThat(second).extracting(TrackedEventMessage::trackingToken)
                .containsExactlyElementsOf(first.stream().map(TrackedEventMessage::trackingToken).toList());
        assertThat(strategy.sharedReads()).as("the two full batches").isEqualTo(2);
        assertThat(strategy.storeReads() - storeReadsOfFirst).as("the last, partial batch").isLessThan(storeReadsOfFirst);
    }

    @Test
    void canDeliverAnEventMissingFromASharedRangeOnceItAppears() {
        start(5_000);
        append(10);
        long heldBack = strategy.reserve(1);
        append(150);
        read(engine, null);

        DomainEventMessage<?> late = event("late");
        store.insert(late, heldBack);
        List<? extends TrackedEventMessage<?>> second = read(engine, null);

        assertThat(strategy.sharedReads()).isPositive();
        assertThat(identifiers(second)).contains(late.getIdentifier()).hasSize(161);
        assertThat(last(second).getGaps()).isEmpty();
    }

    @Test
    void cannotShareReadsWhenNoneAreKept() {
        start(0);
        List<String> appended = append(250);

        read(engine, null);
        List<? extends TrackedEventMessage<?>> second = read(engine, null);

        assertThat(identifiers(second)).containsExactlyElementsOf(appended);
        assertThat(strategy.sharedReads()).isZero();
    }

    @Test
    void canKeepOnlyTheNewestRangesWithinTheCapacity() {
        start(200);
        List<String> appended = append(500);

        read(engine, null);
        List<? extends TrackedEventMessage<?>> second = read(engine, GapAwareTrackingToken.newInstance(300, List.of()));
        List<? extends TrackedEventMessage<?>> third = read(engine, null);

        assertThat(identifiers(second)).containsExactlyElementsOf(appended.subList(300, 500));
        assertThat(identifiers(third)).containsExactlyElementsOf(appended);
        assertThat(strategy.sharedReads()).as("the two newest of five full batches").isEqualTo(2);
    }

    @Test
    void cannotAnswerFromARangeReadLongerAgoThanTheGapTimeout() {
        start(5_000);
        append(250);
        read(engine, null);

        clock.advance(GAP_TIMEOUT.plusSeconds(1));
        long storeReads = strategy.storeReads();
        read(engine, null);

        assertThat(strategy.sharedReads()).isZero();
        assertThat(strategy.storeReads() - storeReads).isEqualTo(storeReads);
    }

    @Test
    void canServeEveryEventInOrderToReadersRacingThroughTheStream() throws Exception {
        start(1_000);
        List<String> appended = append(3_000);
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<String>>> reads = IntStream.range(0, 16)
                    .<Callable<List<String>>>mapToObj(reader -> () -> identifiers(read(engine, null))).toList();
            List<List<String>> results = new ArrayList<>();
            for (Future<List<String>> result : readers.invokeAll(reads)) {
                results.add(result.get());
            }

            assertThat(results).allSatisfy(events -> assertThat(events).containsExactlyElementsOf(appended));
            assertThat(strategy.sharedReads()).isPositive();
        } finally {
            readers.shutdownNow();
        }
    }

    private void start(int sharedReads) {
        strategy = store.strategy(new EventTrackingProperties(GAP_TIMEOUT, 50, sharedReads, null), clock);
        engine = store.engine(strategy);
    }

    private List<String> append(int count) {
        String prefix = UUID.randomUUID() + "-";
        List<DomainEventMessage<?>> events = IntStream.range(0, count).<DomainEventMessage<?>>mapToObj(i -> event(prefix + i)).toList();
        for (int from = 0; from < count; from += 50) {
            engine.appendEvents(events.subList(from, Math.min(count, from + 50)));
        }
        return events.stream().map(EventMessage::getIdentifier).toList();
    }

    private static List<String> identifiers(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(TrackedEventMessage::getIdentifier).toList();
    }

    private DomainEventMessage<?> event(String aggregate) {
        return new GenericDomainEventMessage<>("Test", aggregate, 0, aggregate, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), clock.instant());
    }
}
