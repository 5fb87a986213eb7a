package dev.couponbook.command;

import com.mongodb.MongoException;
import dev.couponbook.messages.error.Causes;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
        return send(() -> command, failed -> {
        });
    }

    /**
     * As {@link #send(Object)}, with a fresh command from {@code nextAttempt} for each attempt;
     * {@code afterFailure} gets every command that failed other than by a refusal (its append may
     * have been stored in part).
     */
    public <R> R send(Supplier<?> nextAttempt, Consumer<Object> afterFailure) {
        for (int attempt = 1; ; attempt++) {
            Object command = nextAttempt.get();
            try {
                return commands.sendAndWait(command);
            } catch (RuntimeException e) {
                if (Causes.refusal(e).isEmpty()) {
                    afterFailure.accept(command);
                }
                if (attempt >= attempts || !lostWriteRace(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /** Sends as {@link #send} and answers {@code missing} when the target aggregate does not exist (yet). */
    public <R> R sendIfExists(Object command, R missing) {
        try {
            return send(command);
        } catch (RuntimeException e) {
            if (Causes.find(e, AggregateNotFoundException.class).isPresent()) {
                return missing;
            }
            throw e;
        }
    }

    /**
     * Whether the failure is an append refused because another writer got there first. Inside
     * MongoDB transactions (replica sets) a concurrent writer shows as a write conflict labelled
     * transient instead of a duplicate key, and the whole unit of work can simply run again.
     */
    public static boolean lostWriteRace(Throwable failure) {
        return Causes.find(failure, ConcurrencyException.class).isPresent()
                || Causes.find(failure, AggregateStreamCreationException.class).isPresent()
                || Causes.find(failure, MongoException.class)
                .filter(e -> e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)).isPresent();
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
