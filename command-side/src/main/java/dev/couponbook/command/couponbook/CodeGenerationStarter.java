package dev.couponbook.command.couponbook;

import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.messages.couponbook.RequestCodeGeneration;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Turns an admin's request for codes into a generation job on the book, cut into about
 * {@value #TARGET_CHUNKS} chunks of between {@code couponbook.generation.chunk-size} (1000) and
 * {@code couponbook.generation.max-chunk-size} (10,000) codes.
 */
@Component
public class CodeGenerationStarter {

    /**
     * Chunks a large job is cut into. Every chunk costs a message, a command, an event and a saga
     * step whatever its size, and a book records one chunk at a time: at 1000 codes a chunk that
     * fixed cost was a third of a 10^6-code job's CPU. A hundred chunks still spread a job over
     * several workers and keep a redelivered chunk's repeated work small.
     */
    static final int TARGET_CHUNKS = 100;

    private final CommandGateway commands;
    private final int chunkSize;
    private final int maxChunkSize;
    private final long maxCount;

    public CodeGenerationStarter(CommandGateway commands, GenerationRequestProperties settings) {
        this.commands = commands;
        this.chunkSize = settings.chunkSize();
        this.maxChunkSize = settings.maxChunkSize();
        this.maxCount = settings.maxCount();
    }

    /** The chunk size of a job of {@code count} codes: the smallest size that cuts it into at most {@value #TARGET_CHUNKS} chunks, within the bounds. */
    int chunkSizeFor(long count) {
        long even = (count + TARGET_CHUNKS - 1) / TARGET_CHUNKS;
        return (int) Math.max(chunkSize, Math.min(maxChunkSize, even));
    }

    /**
     * Refuses, before anything is stored, a count out of bounds or an explicit pattern that is
     * malformed or too small for the count. A job without a pattern is checked by the book, which
     * knows its own default.
     */
    public void check(long count, String pattern) {
        if (count < 1) {
            throw new DomainException(Refusal.INVALID_COUNT);
        }
        if (count > maxCount) {
            throw new DomainException(Refusal.COUNT_TOO_LARGE, "a job generates at most " + maxCount + " codes");
        }
        if (pattern != null) {
            CodePattern.parse(pattern).requireRoomFor(count);
        }
    }

    /** Starts a job for {@code count} codes of {@code pattern} (null: the book's or the default) and returns its id. */
    public String start(String bookId, long count, String pattern) {
        return start(bookId, count, pattern, null);
    }

    /** The same for codes that all expire at {@code expiresAt} (null: never on their own). */
    public String start(String bookId, long count, String pattern, Instant expiresAt) {
        check(count, pattern);
        String jobId = UUID.randomUUID().toString();
        return commands.sendAndWait(new RequestCodeGeneration(bookId, jobId, count, pattern, chunkSizeFor(count), expiresAt));
    }
}
