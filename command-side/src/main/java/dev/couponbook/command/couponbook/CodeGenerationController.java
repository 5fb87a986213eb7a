package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.GenerationJobStatus;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;

/** Starts bulk code generation for a book; the job runs in the generation role and is followed through its status URL. */
@RestController
@RequestMapping("/api/v1/coupon-books/{bookId}/generation-jobs")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Code generation")
public class CodeGenerationController {

    private final CodeGenerationStarter generation;
    private final Clock clock;

    public CodeGenerationController(CodeGenerationStarter generation, Clock clock) {
        this.generation = generation;
        this.clock = clock;
    }

    /** A job the book accepted; its codes are generated in the background. */
    public record GenerationJobAccepted(String jobId, String bookId, GenerationJobStatus status, long requested) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<GenerationJobAccepted> start(@PathVariable String bookId,
                                                       @Valid @RequestBody GenerationJobRequest request) {
        if (request.expiresAt() != null && !request.expiresAt().isAfter(clock.instant())) {
            throw new DomainException(Refusal.INVALID_EXPIRY, "expiresAt must lie in the future");
        }
        String jobId = generation.start(BookIds.valid(bookId), request.count(), request.pattern(), request.expiresAt());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/coupon-books/" + bookId + "/generation-jobs/" + jobId))
                .body(new GenerationJobAccepted(jobId, bookId, GenerationJobStatus.PENDING, request.count()));
    }
}
