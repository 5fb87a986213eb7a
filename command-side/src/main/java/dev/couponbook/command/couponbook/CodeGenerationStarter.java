package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.RequestCodeGeneration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Turns an admin's request for codes into a generation job on the book. */
@Component
public class CodeGenerationStarter {

    private final CommandGateway commands;
    private final int chunkSize;

    public CodeGenerationStarter(CommandGateway commands,
                                 @Value("${couponbook.generation.chunk-size:1000}") int chunkSize) {
        this.commands = commands;
        this.chunkSize = chunkSize;
    }

    /** Starts a job for {@code count} codes of {@code pattern} and returns its id. */
    public String start(String bookId, long count, String pattern) {
        String jobId = UUID.randomUUID().toString();
        return commands.sendAndWait(new RequestCodeGeneration(bookId, jobId, count, pattern, chunkSize));
    }
}
