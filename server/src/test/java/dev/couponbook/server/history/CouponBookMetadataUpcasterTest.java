package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
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

/** Book events stored before books had metadata are read with empty metadata, everything else as stored. */
class CouponBookMetadataUpcasterTest {

    private static final String TERMS_JSON = """
            {"name":"Summer","description":"10% off","startDate":"2026-06-01T00:00:00Z","endDate":null,
             "maxCodesPerUser":2,"maxRedemptionsPerUser":null,"allowMultipleRedemptions":false,"codePattern":"S-#{6}"}""";
    private static final CouponBookTerms TERMS = new CouponBookTerms("Summer", "10% off", Instant.parse("2026-06-01T00:00:00Z"),
            null, 2, null, false, "S-#{6}", null, null, null);

    private final Serializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void canReadARevisionTwoCreationWithEmptyMetadata() {
        String stored = """
                {"bookId":"book-1","terms":%s,"active":true}""".formatted(TERMS_JSON);

        Object event = read(new CouponBookCreatedMetadataUpcaster(), CouponBookCreated.class, stored);

        assertThat(event).isEqualTo(new CouponBookCreated("book-1", TERMS, true, Map.of()));
    }

    @Test
    void canReadARevisionTwoUpdateWithEmptyMetadata() {
        String stored = """
                {"bookId":"book-1","terms":%s}""".formatted(TERMS_JSON);

        Object event = read(new CouponBookUpdatedMetadataUpcaster(), CouponBookUpdated.class, stored);

        assertThat(event).isEqualTo(new CouponBookUpdated("book-1", TERMS, Map.of()));
    }

    @Test
    void canLeaveARevisionThreeCreationAsStored() {
        String stored = """
                {"bookId":"book-1","terms":%s,"active":false,"metadata":{"campaign":"summer"}}""".formatted(TERMS_JSON);
        GenericDomainEventEntry<String> entry = entry(CouponBookCreated.class, "3", stored);

        IntermediateEventRepresentation read = new CouponBookCreatedMetadataUpcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, serializer))).findFirst().orElseThrow();

        assertThat(read.getType().getRevision()).isEqualTo("3");
        assertThat((Object) serializer.deserialize(read.getData()))
                .isEqualTo(new CouponBookCreated("book-1", TERMS, false, Map.of("campaign", "summer")));
    }

    private Object read(SingleEventUpcaster upcaster, Class<?> type, String payload) {
        IntermediateEventRepresentation upcast = upcaster.upcast(Stream.of(new InitialEventRepresentation(entry(type, "2", payload), serializer)))
                .findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo("3");
        return serializer.deserialize(upcast.getData());
    }

    private GenericDomainEventEntry<String> entry(Class<?> type, String revision, String payload) {
        return new GenericDomainEventEntry<>("CouponBook", "book:book-1", 0, UUID.randomUUID().toString(),
                Instant.now(), type.getName(), revision, payload, serializer.serialize(MetaData.emptyInstance(), String.class).getData());
    }
}
