package dev.couponbook.server.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Reads revision "0" of {@link CouponBookCreated}, which carried the terms as flat fields next to
 * {@code bookId} and {@code active}, as revision "1", which nests them under {@code terms}. Stored
 * events are never rewritten: old payloads take the new shape while they are read, so aggregates
 * and projections only know the current record.
 */
// First of the chain, which applies its upcasters in list order: "0" → "1", then "1" → "2"
// (CouponBookTermsUpcaster), then "2" → "3" (CouponBookCreatedMetadataUpcaster).
@Order(0)
@Component
public class CouponBookCreatedUpcaster extends SingleEventUpcaster {

    private static final SerializedType REVISION_0 = new SimpleSerializedType(CouponBookCreated.class.getName(), "0");
    private static final SerializedType REVISION_1 = new SimpleSerializedType(CouponBookCreated.class.getName(), "1");
    private static final List<String> TERMS = List.of("name", "description", "startDate", "endDate",
            "maxCodesPerUser", "maxRedemptionsPerUser", "allowMultipleRedemptions", "codePattern");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_0.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_1, JsonNode.class, CouponBookCreatedUpcaster::nestTerms);
    }

    private static JsonNode nestTerms(JsonNode flat) {
        ObjectNode event = ((ObjectNode) flat).deepCopy();
        ObjectNode terms = event.putObject("terms");
        TERMS.forEach(field -> {
            if (event.has(field)) {
                terms.set(field, event.remove(field));
            }
        });
        return event;
    }
}
