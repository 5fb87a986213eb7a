package dev.couponbook.server.history;

import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeGenerationRequested;
import dev.couponbook.messages.couponbook.CodesUploaded;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Events stored before codes could expire, carry details or be valid for a while after assignment read as today's shapes. */
class CodeValidityUpcastersTest {

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final GenerationExpiryUpcasters generation = new GenerationExpiryUpcasters();
    private final CodeValidityTermsUpcasters terms = new CodeValidityTermsUpcasters();

    @Test
    void canReadARevisionOneAssignmentAsACouponWithoutExpiry() {
        Object event = read(new CouponAssignedUpcaster(), CouponAssigned.class,
                "{\"code\":\"CODE-1\",\"bookId\":\"b\",\"userId\":\"u\",\"reservationId\":\"r\"}");
        assertThat(event).isEqualTo(new CouponAssigned("CODE-1", "b", "u", "r", null));
    }

    @Test
    void canReadARevisionOneUploadAsPlainCodesWithoutDetails() {
        CodesUploaded event = (CodesUploaded) read(new CodesUploadedUpcaster(), CodesUploaded.class,
                "{\"bookId\":\"b\",\"uploadId\":\"u\",\"batchNo\":0,\"codes\":[\"AAAA1\",\"AAAA2\"]}");
        assertThat(event).isEqualTo(new CodesUploaded("b", "u", 0, List.of("AAAA1", "AAAA2"), Map.of()));
    }

    @Test
    void canReadRevisionOneGenerationEventsAsJobsWhoseCodesDoNotExpire() {
        Object requested = read(generation.codeGenerationRequestedUpcaster(), CodeGenerationRequested.class,
                "{\"bookId\":\"b\",\"jobId\":\"j\",\"count\":10,\"pattern\":\"X-####\",\"chunkSize\":5,\"chunkCount\":2}");
        Object chunk = read(generation.codeChunkGeneratedUpcaster(), CodeChunkGenerated.class,
                "{\"bookId\":\"b\",\"jobId\":\"j\",\"chunkNo\":1,\"codes\":[\"X-0001\"]}");
        assertThat(requested).isEqualTo(new CodeGenerationRequested("b", "j", 10, "X-####", 5, 2, null));
        assertThat(chunk).isEqualTo(new CodeChunkGenerated("b", "j", 1, List.of("X-0001"), null));
    }

    @Test
    void canReadRevisionThreeTermsAsCodesValidForTheWholeWindow() {
        String termsJson = "{\"name\":\"Old\",\"maxCodesPerUser\":2,\"allowMultipleRedemptions\":false}";
        CouponBookTerms expected = new CouponBookTerms("Old", null, null, null, 2, null, false, null, null, null, null);
        Object created = read(terms.couponBookCreatedTermsUpcaster(), CouponBookCreated.class, "3",
                "{\"bookId\":\"b\",\"terms\":" + termsJson + ",\"active\":true,\"metadata\":{}}");
        Object updated = read(terms.couponBookUpdatedTermsUpcaster(), CouponBookUpdated.class, "3",
                "{\"bookId\":\"b\",\"terms\":" + termsJson + ",\"metadata\":{}}");
        assertThat(created).isEqualTo(new CouponBookCreated("b", expected, true, Map.of()));
        assertThat(updated).isEqualTo(new CouponBookUpdated("b", expected, Map.of()));
    }

    private Object read(SingleEventUpcaster upcaster, Class<?> type, String payload) {
        return read(upcaster, type, "1", payload);
    }

    private Object read(SingleEventUpcaster upcaster, Class<?> type, String revision, String payload) {
        GenericDomainEventEntry<String> entry = new GenericDomainEventEntry<>("Aggregate", "aggregate-1", 0, UUID.randomUUID().toString(),
                Instant.now(), type.getName(), revision, payload, serializer.serialize(MetaData.emptyInstance(), String.class).getData());
        IntermediateEventRepresentation upcast = upcaster.upcast(Stream.of(new InitialEventRepresentation(entry, serializer)))
                .findFirst().orElseThrow();
        assertThat(upcast.getType().getRevision()).isEqualTo(String.valueOf(Integer.parseInt(revision) + 1));
        return serializer.deserialize(upcast.getData());
    }
}
