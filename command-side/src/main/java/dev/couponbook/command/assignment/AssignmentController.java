package dev.couponbook.command.assignment;

import dev.couponbook.command.Caller;
import dev.couponbook.command.idempotency.IdempotencyKeys;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands out codes: a random one of a book to a user (users for themselves, admins and service
 * accounts for anyone), or a given code (admins only: choosing codes is the book's owner's call).
 */
@RestController
@Tag(name = "Assignment")
public class AssignmentController {

    private final AssignmentService assignments;
    private final IdempotencyKeys idempotency;

    public AssignmentController(AssignmentService assignments, IdempotencyKeys idempotency) {
        this.assignments = assignments;
        this.idempotency = idempotency;
    }

    /** Body of a random assignment; {@code userId} is for admins and service accounts acting for a user. */
    public record RandomAssignmentRequest(@Size(max = 128) String userId) {
    }

    /** Body of an assignment of a given code. */
    public record CodeAssignmentRequest(@NotBlank @Size(max = 128) String userId) {
    }

    @PostMapping("/api/v1/coupon-books/{bookId}/assignments")
    @ApiResponse(responseCode = "201", description = "the code assigned",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Assignment.class)))
    @PreAuthorize("hasAnyRole('USER', 'ADMIN', 'SERVICE')")
    public ResponseEntity<?> assignRandom(@PathVariable String bookId, @AuthenticationPrincipal Jwt jwt,
                                          @Valid @RequestBody(required = false) RandomAssignmentRequest request,
                                          @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
                                          HttpServletRequest http) {
        Caller caller = Caller.of(jwt);
        String userId = caller.actingFor(request == null ? null : request.userId());
        return idempotency.once(caller.userId(), idempotencyKey, http.getRequestURI(), request, () -> ResponseEntity
                .status(HttpStatus.CREATED).body(assignments.assignRandom(bookId, userId)));
    }

    @PostMapping("/api/v1/coupons/{code}/assignment")
    @ApiResponse(responseCode = "201", description = "the code assigned",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Assignment.class)))
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseEntity<?> assignCode(@PathVariable String code, @AuthenticationPrincipal Jwt jwt,
                                        @Valid @RequestBody CodeAssignmentRequest request,
                                        @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
                                        HttpServletRequest http) {
        Caller caller = Caller.of(jwt);
        String userId = caller.actingFor(request.userId());
        return idempotency.once(caller.userId(), idempotencyKey, http.getRequestURI(), request, () -> ResponseEntity
                .status(HttpStatus.CREATED).body(assignments.assignCode(code, userId)));
    }
}
