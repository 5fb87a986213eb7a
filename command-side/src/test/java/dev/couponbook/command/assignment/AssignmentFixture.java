package dev.couponbook.command.assignment;

import dev.couponbook.command.couponbook.GivenBooks;
import dev.couponbook.command.code.CodeValidity;
import dev.couponbook.command.coupon.Coupon;
import dev.couponbook.command.pool.FreeCodes;
import dev.couponbook.command.wallet.Wallet;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/**
 * Given/when/then for the assignment process, which spans two aggregates, so Axon's one-aggregate
 * fixture cannot hold it: both aggregates and {@link CouponAssignment} on an in-memory event store,
 * a pool in memory. Given events are stored on the stream they name; then lists the events the
 * command stored, in append order, across both streams.
 */
final class AssignmentFixture {

    record Stream(String type, String aggregateId) {
    }

    final Deque<String> pool = new ArrayDeque<>();
    final Set<String> putBack = new HashSet<>();
    CodeValidity.Validity validity = CodeValidity.Validity.UNLIMITED;
    final GivenBooks books = new GivenBooks();

    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private final Configuration axon;
    private final Map<String, Long> sequences = new HashMap<>();
    private int given;
    private Object result;
    private Exception failure;

    AssignmentFixture(Clock clock) {
        FreeCodes freeCodes = new FreeCodes() {
            @Override
            public String take(String bookId) {
                return pool.poll();
            }

            @Override
            public void putBack(String bookId, String code) {
                putBack.add(code);
            }

            @Override
            public boolean rebuilding() {
                return false;
            }
        };
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(config -> storage)
                .configureAggregate(Wallet.class)
                .configureAggregate(Coupon.class)
                .registerComponent(Clock.class, config -> clock)
                .registerComponent(CodeValidity.class, config -> (bookId, code) -> validity)
                .registerComponent(CouponAssignments.class, config -> new StoredCouponAssignments(config.eventStore()))
                .registerComponent(DeadlineManager.class, config -> SimpleDeadlineManager.builder()
                        .scopeAwareProvider(new ConfigurationScopeAwareProvider(config)).build())
                .registerCommandHandler(config -> new CouponAssignment(config.repository(Wallet.class),
                        config.repository(Coupon.class), config.eventStore(), freeCodes, books,
                        config.getComponent(CodeValidity.class), clock, new AssignmentProperties(10)))
                .buildConfiguration();
        axon.start();
    }

    AssignmentFixture given(Stream stream, Object... events) {
        for (Object event : events) {
            long sequence = sequences.merge(stream.aggregateId(), 0L, (last, ignored) -> last + 1);
            axon.eventStore().publish(new GenericDomainEventMessage<>(stream.type(), stream.aggregateId(), sequence, event));
            given++;
        }
        return this;
    }

    AssignmentFixture when(Object command) {
        try {
            result = axon.commandGateway().sendAndWait(command);
        } catch (Exception e) {
            failure = e;
        }
        return this;
    }

    /** The payloads the command stored, in append order. */
    List<Object> events() {
        List<Object> stored = new ArrayList<>();
        storage.readEvents(null, false).skip(given).forEach(event -> stored.add(event.getPayload()));
        return stored;
    }

    /** The events the command stored on one stream, with their sequence numbers. */
    List<Long> sequencesOf(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    Object result() {
        return result;
    }

    Exception failure() {
        return failure;
    }

    void stop() {
        axon.shutdown();
    }
}
