package dev.couponbook.server.axon;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Aggregates are loaded from their events alone: the store is never asked for a snapshot, and none is kept. */
class SnapshotFreeLoadingTest {

    private EventStorageFixture store;
    private GlobalIndexEventStorageEngine engine;
    private EmbeddedEventStore events;

    @BeforeEach
    void start() {
        store = new EventStorageFixture();
        engine = store.engine(store.strategy(new EventTrackingProperties(null, null, null, null), new MovableClock()));
        events = EmbeddedEventStore.builder().storageEngine(engine).build();
    }

    @AfterEach
    void stop() {
        events.shutDown();
        store.close();
    }

    @Test
    void canLoadAnAggregateFromItsEventsEvenWhereTheStoreHoldsASnapshot() {
        engine.appendEvents(event(0, "first"), event(1, "second"), event(2, "third"));
        // written past this engine, as a store written by an engine that kept snapshots would hold it
        MongoEventStorageEngine.builder().mongoTemplate(store.template).eventSerializer(EventStorageFixture.SERIALIZER)
                .snapshotSerializer(EventStorageFixture.SERIALIZER).build().storeSnapshot(event(1, "snapshot"));

        List<Object> loaded = events.readEvents("wallet-1").asStream().map(DomainEventMessage::getPayload).map(Object.class::cast).toList();

        assertThat(loaded).containsExactly("first", "second", "third");
        assertThat(engine.readSnapshot("wallet-1")).isEmpty();
    }

    @Test
    void cannotStoreASnapshot() {
        assertThatThrownBy(() -> engine.storeSnapshot(event(0, "snapshot"))).isInstanceOf(UnsupportedOperationException.class);
        assertThat(store.template.snapshotCollection().countDocuments()).isZero();
    }

    /** What makes skipping the snapshot read safe: no aggregate asks for snapshots to be taken. */
    @Test
    void cannotDeclareASnapshotTriggerOnAnAggregate() {
        List<JavaClass> aggregates = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.couponbook").stream().filter(type -> type.isAnnotatedWith(Aggregate.class)).toList();

        assertThat(aggregates).hasSizeGreaterThanOrEqualTo(6);
        assertThat(aggregates).allSatisfy(aggregate -> assertThat(aggregate.getAnnotationOfType(Aggregate.class).snapshotTriggerDefinition())
                .as(aggregate.getName()).isEmpty());
    }

    private static DomainEventMessage<String> event(long sequence, String payload) {
        return new GenericDomainEventMessage<>("Wallet", "wallet-1", sequence, payload);
    }
}
