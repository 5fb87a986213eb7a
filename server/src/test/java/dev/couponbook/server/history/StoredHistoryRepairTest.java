package dev.couponbook.server.history;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponRedeemed;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before the edge checked their text are read in a shape every read model can take. */
class StoredHistoryRepairTest {

    private final Serializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void canReadARevisionOneRedemptionWithUnstorableMetadataAsStorable() {
        String stored = """
                {"code":"CODE-1","bookId":"b","userId":"u","lockId":"l","redemptionId":"r","redemptionNumber":1,
                 "metadata":{"k\\u0000":"x","$where":"1","a.b":"c\\u0000d","lone":"\\ud800!","orderId":"42"}}""";

        CouponRedeemed event = (CouponRedeemed) read(new CouponRedeemedUpcaster(), CouponRedeemed.class, stored);

        assertThat(event.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "k", "x", "where", "1", "a_b", "cd", "lone", "!", "orderId", "42"));
    }

    @Test
    void canReadARevisionOneRefusalThatKeptTheRawPathWithValidIdsOnly() {
        String bookId = UUID.randomUUID().toString();
        String stored = """
                {"action":"LOCK","reason":"COUPON_NOT_FOUND","bookId":"%s","code":"%s","userId":"user-1"}"""
                .formatted("x".repeat(4000), "y".repeat(4000));
        String kept = """
                {"action":"ASSIGN","reason":"BOOK_NOT_FOUND","bookId":"%s","code":"GOOD-CODE","userId":"user-1"}"""
                .formatted(bookId);

        CouponActionRejected raw = (CouponActionRejected) read(new CouponActionRejectedUpcaster(), CouponActionRejected.class, stored);
        CouponActionRejected valid = (CouponActionRejected) read(new CouponActionRejectedUpcaster(), CouponActionRejected.class, kept);

        assertThat(raw).isEqualTo(new CouponActionRejected(CouponAction.LOCK, "COUPON_NOT_FOUND", null, null, "user-1"));
        assertThat(valid).isEqualTo(new CouponActionRejected(CouponAction.ASSIGN, "BOOK_NOT_FOUND", bookId, "GOOD-CODE", "user-1"));
    }

    private Object read(SingleEventUpcaster upcaster, Class<?> type, String payload) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Coupon", "coupon-1", 0, UUID.randomUUID().toString(),
                Instant.now(), type.getName(), "1", payload, serializer.serialize(MetaData.emptyInstance(), String.class).getData());
        IntermediateEventRepresentation upcast = upcaster.upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.getData());
    }
}
