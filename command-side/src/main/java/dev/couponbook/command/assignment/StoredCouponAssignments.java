package dev.couponbook.command.assignment;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.CouponAssigned;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** {@link CouponAssignments} from the first event of the coupon's stream. */
@Component
class StoredCouponAssignments implements CouponAssignments {

    private final EventStore events;

    StoredCouponAssignments(EventStore events) {
        this.events = events;
    }

    @Override
    public boolean createdBy(String code, String assignmentId) {
        DomainEventStream stream = events.readEvents(AggregateIds.coupon(code));
        if (!stream.hasNext()) {
            return false;
        }
        DomainEventMessage<?> first = stream.next();
        return first.getPayload() instanceof CouponAssigned assigned && assignmentId.equals(assigned.reservationId());
    }
}
