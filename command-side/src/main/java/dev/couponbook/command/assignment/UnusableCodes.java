package dev.couponbook.command.assignment;

import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.modelling.command.AggregateStreamCreationException;

import java.util.Optional;

/**
 * Decides which failed assignments are the code's fault, so that the assignment drops the code
 * and draws another instead of failing: the code is assigned already (a stale pool entry, or a
 * concurrent writer created its stream first), disabled, or past its own expiry. Such a code is
 * not put back: an assigned or expired code never becomes free again, and a disabled one
 * returns to the pool through its {@code CodeEnabled} event.
 */
final class UnusableCodes {

    private UnusableCodes() {
    }

    /** The refusal a request for this very code answers, when {@code failure} says the code cannot be handed out. */
    static Optional<DomainException> refusal(RuntimeException failure) {
        if (Causes.find(failure, AggregateStreamCreationException.class).isPresent()) {
            return Optional.of(new DomainException(Refusal.COUPON_ALREADY_ASSIGNED));
        }
        return Causes.refusal(failure).filter(refusal -> refusal.refusal() == Refusal.COUPON_ALREADY_ASSIGNED
                || refusal.refusal() == Refusal.COUPON_DISABLED || refusal.refusal() == Refusal.COUPON_EXPIRED);
    }
}
