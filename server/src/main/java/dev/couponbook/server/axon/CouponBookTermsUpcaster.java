package dev.couponbook.server.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.couponbook.command.couponbook.LegacyTerms;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Reads revision "1" of {@link CouponBookCreated} and {@link CouponBookUpdated} as revision "2".
 * Under revision "1" {@code maxRedemptionsPerUser} limited each coupon; revision "2" calls that
 * {@code maxRedemptionsPerCode} and lets {@code maxRedemptionsPerUser} count across a user's coupons,
 * so the old value moves ({@link LegacyTerms}) and an existing book keeps its behaviour. Runs after
 * {@link CouponBookCreatedUpcaster}, so revision "0" books take both steps.
 */
@Order(1)
@Component
public class CouponBookTermsUpcaster extends SingleEventUpcaster {

    private static final Map<SerializedType, SerializedType> NEXT = Map.of(
            new SimpleSerializedType(CouponBookCreated.class.getName(), "1"),
            new SimpleSerializedType(CouponBookCreated.class.getName(), "2"),
            new SimpleSerializedType(CouponBookUpdated.class.getName(), "1"),
            new SimpleSerializedType(CouponBookUpdated.class.getName(), "2"));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return NEXT.containsKey(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(NEXT.get(representation.getType()), JsonNode.class,
                CouponBookTermsUpcaster::moveLimit);
    }

    private static JsonNode moveLimit(JsonNode old) {
        ObjectNode event = ((ObjectNode) old).deepCopy();
        JsonNode terms = event.get("terms");
        if (terms != null && terms.isObject()) {
            event.set("terms", LegacyTerms.upcast(terms));
        }
        return event;
    }
}
