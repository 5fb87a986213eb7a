package dev.couponbook.server.axon;

import com.mongodb.client.model.Filters;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tracking by global index in the running service: tokens stay small whatever the event rate, and
 * the gap an append that failed leaves behind delays no read and is given up after the gap timeout
 * (shortened here).
 */
@TestPropertySource(properties = "couponbook.events.gap-timeout=3s")
class EventTrackingTest extends IntegrationTest {

    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(3);
    private static final int THREADS = 8;
    private static final int EVENTS_PER_APPEND = 10;
    private static final int FEW_KB = 4 * 1024;

    @Autowired
    EventStore eventStore;
    @Autowired
    MongoTemplate axonMongoTemplate;
    @Autowired
    ReadModelStatus status;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void cannotGrowATokenWithTheEventRate() throws Exception {
        int slow = largestStoredToken(500, Duration.ofSeconds(3));
        int fast = largestStoredToken(5_000, Duration.ofSeconds(5));

        assertThat(slow).isLessThan(FEW_KB);
        assertThat(fast).isLessThan(FEW_KB);
        assertThat(fast - slow).as("growth with a ten times higher rate").isLessThan(FEW_KB / 2);
    }

    @Test
    void cannotMakeReadYourWritesWaitForTheGapOfAFailedAppend() throws Exception {
        String aggregate = "failed-append-" + UUID.randomUUID();
        long before = head();
        eventStore.publish(domainEvent(aggregate, 0));
        assertThatThrownBy(() -> eventStore.publish(domainEvent(aggregate, 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        eventStore.publish(GenericEventMessage.asEventMessage(rejection("AFTER-THE-FAILURE")));
        List<Long> missing = missingIndexes(before, head());
        assertThat(missing).as("the index the failed append reserved").hasSize(1);
        long failed = missing.get(0);

        // the gap is 3 s long; a wait for it would run into the timeout and throw
        ReadModelProcessing.PROJECTIONS.forEach(group -> status.awaitCaughtUp(group, Duration.ofSeconds(2)));
        await(() -> processorTokens().anyMatch(token -> token.getGaps().contains(failed)), "a token to hold the failed append's gap");

        Thread.sleep(GAP_TIMEOUT.plusMillis(500).toMillis());
        // a token drops a timed-out gap with the next event it reads
        eventStore.publish(GenericEventMessage.asEventMessage(rejection("AFTER-THE-TIMEOUT")));
        await(() -> processorTokens().allMatch(token -> token.getIndex() > failed && !token.getGaps().contains(failed)),
                "every token to give the gap up");
    }

    /** The largest stored token seen while {@code rate} events a second are appended for {@code period}, and until processed. */
    private int largestStoredToken(int rate, Duration period) throws Exception {
        AtomicBoolean sampling = new AtomicBoolean(true);
        AtomicInteger largest = new AtomicInteger();
        AtomicInteger appended = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
        try {
            Future<?> sampler = threads.submit(() -> {
                while (sampling.get()) {
                    for (Document token : axonMongoTemplate.trackingTokensCollection().find()) {
                        if (token.get("token") instanceof Binary data) {
                            largest.accumulateAndGet(data.length(), Math::max);
                        }
                    }
                    Thread.sleep(20);
                }
                return null;
            });
            long appendsPerThread = rate * period.toSeconds() / EVENTS_PER_APPEND / THREADS;
            long nanosBetween = TimeUnit.SECONDS.toNanos(1) * EVENTS_PER_APPEND * THREADS / rate;
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                writers.add(threads.submit(() -> {
                    long next = System.nanoTime();
                    for (long i = 0; i < appendsPerThread; i++) {
                        List<EventMessage<?>> batch = new ArrayList<>();
                        for (int e = 0; e < EVENTS_PER_APPEND; e++) {
                            batch.add(GenericEventMessage.asEventMessage(rejection("RATE-" + rate + "-" + UUID.randomUUID())));
                        }
                        eventStore.publish(batch);
                        appended.addAndGet(batch.size());
                        next += nanosBetween;
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    return null;
                }));
            }
            Instant started = Instant.now();
            for (Future<?> writer : writers) {
                writer.get();
            }
            System.out.printf("token size: %d events in %s at a target of %d/s%n", appended.get(),
                    Duration.between(started, Instant.now()), rate);
            ReadModelProcessing.PROJECTIONS.forEach(group -> status.awaitCaughtUp(group, Duration.ofSeconds(60)));
            sampling.set(false);
            sampler.get();
        } finally {
            threads.shutdownNow();
        }
        System.out.printf("token size: largest stored token %d bytes at %d/s%n", largest.get(), rate);
        return largest.get();
    }

    private List<Long> missingIndexes(long after, long upTo) {
        Set<Long> stored = axonMongoTemplate.eventCollection()
                .find(Filters.and(Filters.gt(GlobalIndexStorageStrategy.GLOBAL_INDEX, after),
                        Filters.lte(GlobalIndexStorageStrategy.GLOBAL_INDEX, upTo)))
                .map(event -> event.getLong(GlobalIndexStorageStrategy.GLOBAL_INDEX)).into(new HashSet<>());
        return LongStream.rangeClosed(after + 1, upTo).boxed().filter(index -> !stored.contains(index)).toList();
    }

    private long head() {
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private java.util.stream.Stream<GapAwareTrackingToken> processorTokens() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .flatMap(processor -> ((StreamingEventProcessor) processor).processingStatus().values().stream())
                .map(EventTrackerStatus::getTrackingToken)
                .map(WrappedToken::unwrapLowerBound)
                .map(GapAwareTrackingToken.class::cast);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(5);
        }
    }

    private static GenericDomainEventMessage<CouponActionRejected> domainEvent(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Test", aggregate, sequence, rejection(aggregate));
    }

    private static CouponActionRejected rejection(String code) {
        return new CouponActionRejected(CouponAction.LOCK, "COUPON_LOCKED", "tracking-book", code, "tracking-user");
    }
}
