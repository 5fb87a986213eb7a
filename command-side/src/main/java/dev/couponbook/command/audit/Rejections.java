package dev.couponbook.command.audit;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.error.DomainException;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records refused coupon actions as {@link CouponActionRejected} events, outside any aggregate
 * stream, so the audit trail shows attempts that changed nothing. An outage refusal is not a
 * decision about the coupon and is not recorded.
 */
@Component
public class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final EventGateway events;

    public Rejections(EventGateway events) {
        this.events = events;
    }

    /** Publishes the refusal and returns it, so callers can {@code throw rejections.record(...)}. */
    public DomainException record(CouponAction action, DomainException refusal, String bookId, String code, String userId) {
        if (refusal.refusal().outage()) {
            return refusal;
        }
        try {
            events.publish(new CouponActionRejected(action, refusal.code(), bookId, code, userId));
        } catch (RuntimeException e) {
            log.warn("Could not record the refused {} of {}: {}", action, code, e.getMessage());
        }
        return refusal;
    }
}
