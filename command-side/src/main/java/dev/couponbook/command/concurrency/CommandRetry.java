package dev.couponbook.command.concurrency;

import com.mongodb.MongoException;
import dev.couponbook.messages.error.DomainException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends commands and retries the ones that lost a write race on their aggregate. Inside one
 * instance Axon serialises commands per aggregate; across instances the event store's unique
 * sequence numbers let one writer win and the other fail with a {@link ConcurrencyException}
 * (or, for two instances creating the same aggregate, an {@link AggregateStreamCreationException}).
 * The loser replays the winner's events and decides again, so concurrent requests of one user
 * are never refused merely for being concurrent.
 */
@Component
public class CommandRetry {

    private final CommandGateway commands;
    private final int attempts;

    public CommandRetry(CommandGateway commands, CommandRetryProperties settings) {
        this.commands = commands;
        this.attempts = settings.conflictAttempts();
    }

    /** Sends and waits, retrying lost write races with a short random pause. */
    public <R> R send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(command);
            } catch (RuntimeException e) {
                if (attempt >= attempts || !lostWriteRace(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * Whether the failure is an append refused because another writer got there first. Inside
     * MongoDB transactions (replica sets) a concurrent writer shows as a write conflict labelled
     * transient instead of a duplicate key, and the whole unit of work can simply run again.
     */
    public static boolean lostWriteRace(Throwable failure) {
        return causeOf(failure, ConcurrencyException.class).isPresent()
                || causeOf(failure, AggregateStreamCreationException.class).isPresent()
                || causeOf(failure, MongoException.class)
                .filter(e -> e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)).isPresent();
    }

    /** The domain refusal behind a command failure, however the gateway wrapped it. */
    public static Optional<DomainException> refusal(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return Optional.of(domain);
            }
            if (cause instanceof CommandExecutionException wrapped
                    && wrapped.getDetails().orElse(null) instanceof DomainException domain) {
                return Optional.of(domain);
            }
        }
        return Optional.empty();
    }

    public static <T extends Throwable> Optional<T> causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", e);
        }
    }
}
