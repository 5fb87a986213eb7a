package dev.couponbook.command.couponbook;

import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.messages.couponbook.RequestCodeGeneration;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Turns an admin's request for codes into a generation job on the book. */
@Component
public class CodeGenerationStarter {

    private final CommandGateway commands;
    private final int chunkSize;
    private final long maxCount;

    public CodeGenerationStarter(CommandGateway commands, GenerationRequestProperties settings) {
        this.commands = commands;
        this.chunkSize = settings.chunkSize();
        this.maxCount = settings.maxCount();
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
        check(count, pattern);
        String jobId = UUID.randomUUID().toString();
        return commands.sendAndWait(new RequestCodeGeneration(bookId, jobId, count, pattern, chunkSize));
    }
}
