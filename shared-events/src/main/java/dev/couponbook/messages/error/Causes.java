package dev.couponbook.messages.error;

import org.axonframework.messaging.HandlerExecutionException;

import java.util.Optional;

/** Finds what a failure is about, however gateways, futures and frameworks wrapped it. */
public final class Causes {

    private Causes() {
    }

    /** The first throwable of {@code type} in the failure's cause chain, the failure itself included. */
    public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /**
     * The domain's refusal behind a failure: thrown as it is, or carried as the details of a
     * command or query handler's exception, which is how Axon hands it on when it does not
     * pass the exception itself.
     */
    public static Optional<DomainException> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return Optional.of(domain);
            }
            if (cause instanceof HandlerExecutionException wrapped
                    && wrapped.getDetails().orElse(null) instanceof DomainException domain) {
                return Optional.of(domain);
            }
        }
        return Optional.empty();
    }
}
