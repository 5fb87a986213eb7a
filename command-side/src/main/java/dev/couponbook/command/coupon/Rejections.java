package dev.couponbook.command.coupon;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.error.DomainException;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Records refused coupon actions as {@link CouponActionRejected} events, outside any aggregate
 * stream, so the audit trail shows attempts that changed nothing. Every coupon action runs
 * through {@link #recorded}, the one place that turns its refusal into the record. An outage
 * refusal is not a decision about the coupon and is not recorded.
 */
@Component
public class Rejections {

    private static final Logger log = LoggerFactory.getLogger(Rejections.class);

    private final EventGateway events;

    public Rejections(EventGateway events) {
        this.events = events;
    }

    /** What a running action concerns. Its book is named only once the action found it to exist. */
    public static final class Attempt {
        private String bookId;

        /** Names the book the action concerns, and returns it. */
        public String book(String bookId) {
            this.bookId = bookId;
            return bookId;
        }
    }

    /**
     * Runs {@code body}, the {@code action} on coupon {@code code} (null when it is unknown or not a valid code)
     * for {@code userId}; a refusal it throws is recorded, then thrown on unchanged.
     */
    public <T> T recorded(CouponAction action, String code, String userId, Function<Attempt, T> body) {
        Attempt attempt = new Attempt();
        try {
            return body.apply(attempt);
        } catch (DomainException refusal) {
            record(action, refusal, attempt.bookId, code, userId);
            throw refusal;
        }
    }

    /** {@link #recorded(CouponAction, String, String, Function)} for an action without a result. */
    public void recorded(CouponAction action, String code, String userId, Consumer<Attempt> body) {
        recorded(action, code, userId, attempt -> {
            body.accept(attempt);
            return null;
        });
    }

    private void record(CouponAction action, DomainException refusal, String bookId, String code, String userId) {
        if (refusal.refusal().outage()) {
            return;
        }
        try {
            events.publish(new CouponActionRejected(action, refusal.code(), bookId, code, userId));
        } catch (RuntimeException e) {
            log.warn("Could not record the refused {} of {}: {}", action, code, e.getMessage());
        }
    }
}
