package dev.couponbook.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.function.UnaryOperator;

/** Reads one revision of an event's JSON payload as the next, through {@code repair}, which gets a copy to change. */
abstract class PayloadRepair extends SingleEventUpcaster {

    private final SerializedType from;
    private final SerializedType to;
    private final UnaryOperator<ObjectNode> repair;

    PayloadRepair(Class<?> event, String fromRevision, String toRevision, UnaryOperator<ObjectNode> repair) {
        this.from = new SimpleSerializedType(event.getName(), fromRevision);
        this.to = new SimpleSerializedType(event.getName(), toRevision);
        this.repair = repair;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return from.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, stored -> repair.apply(((ObjectNode) stored).deepCopy()));
    }
}
