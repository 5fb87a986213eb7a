package dev.couponbook.command.couponbook;

import dev.couponbook.command.StorableMetadata;
import dev.couponbook.messages.couponbook.ActivateCouponBook;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CreateCouponBook;
import dev.couponbook.messages.couponbook.DeactivateCouponBook;
import dev.couponbook.messages.couponbook.UpdateCouponBook;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** Admin commands on coupon books: create, change, activate, deactivate. */
@RestController
@RequestMapping("/api/v1/coupon-books")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Coupon books")
public class CouponBookCommandController {

    private final CommandGateway commands;
    private final CodeGenerationStarter generation;

    public CouponBookCommandController(CommandGateway commands, CodeGenerationStarter generation) {
        this.commands = commands;
        this.generation = generation;
    }

    /** What the command side accepted; the read model follows shortly after. */
    public record CouponBookAccepted(String bookId, CouponBookTerms terms, boolean active, String generationJobId,
                                     Map<String, String> metadata) {
    }

    /** The terms and metadata in force after a change. */
    public record CouponBookChanged(String bookId, CouponBookTerms terms, Map<String, String> metadata) {
    }

    /** The answer to an activation or deactivation. */
    public record CouponBookStatus(String bookId, boolean active) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<CouponBookAccepted> create(@Valid @RequestBody CreateCouponBookRequest request) {
        String bookId = UUID.randomUUID().toString();
        CouponBookTerms terms = request.terms().validated();
        Map<String, String> metadata = StorableMetadata.bounded(request.metadata());
        if (request.totalCodes() != null) {
            generation.check(request.totalCodes(), request.codePattern());
        }
        commands.sendAndWait(new CreateCouponBook(bookId, terms, request.activeOrDefault(), metadata));
        String jobId = request.totalCodes() == null ? null
                : generation.start(bookId, request.totalCodes(), request.codePattern());
        return ResponseEntity.created(URI.create("/api/v1/coupon-books/" + bookId))
                .body(new CouponBookAccepted(bookId, terms, request.activeOrDefault(), jobId, metadata));
    }

    @PatchMapping("/{bookId}")
    public CouponBookChanged update(@PathVariable String bookId, @Valid @RequestBody UpdateCouponBookRequest request) {
        // Checked at the edge like the create's, before the book is loaded; the book checks it again.
        StorableMetadata.bounded(request.metadata());
        UpdatedCouponBook updated = commands.sendAndWait(
                new UpdateCouponBook(BookIds.valid(bookId), request.changes(), request.metadata()));
        return new CouponBookChanged(bookId, updated.terms(), updated.metadata());
    }

    @PostMapping("/{bookId}/activate")
    public CouponBookStatus activate(@PathVariable String bookId) {
        commands.sendAndWait(new ActivateCouponBook(BookIds.valid(bookId)));
        return new CouponBookStatus(bookId, true);
    }

    @PostMapping("/{bookId}/deactivate")
    public CouponBookStatus deactivate(@PathVariable String bookId) {
        commands.sendAndWait(new DeactivateCouponBook(BookIds.valid(bookId)));
        return new CouponBookStatus(bookId, false);
    }
}
