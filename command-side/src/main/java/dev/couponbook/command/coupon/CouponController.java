package dev.couponbook.command.coupon;

import dev.couponbook.command.Caller;
import dev.couponbook.command.idempotency.IdempotencyKeys;
import dev.couponbook.command.Storable;
import dev.couponbook.command.StorableMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Checkout on a held coupon: validate a redemption, lock it, release the lock, redeem it under the lock, reverse a redemption. */
@RestController
@RequestMapping("/api/v1/coupons/{code}")
@PreAuthorize("hasAnyRole('USER', 'ADMIN', 'SERVICE')")
@Tag(name = "Locks and redemption")
public class CouponController {

    static final int MAX_REASON = 500;

    private final CouponService coupons;
    private final IdempotencyKeys idempotency;

    public CouponController(CouponService coupons, IdempotencyKeys idempotency) {
        this.coupons = coupons;
        this.idempotency = idempotency;
    }

    /**
     * Body of a lock request; without {@code ttlSeconds} the lock lasts five minutes. A service
     * account names the holder it acts for in {@code userId}.
     */
    public record LockRequest(@Positive Integer ttlSeconds, @Size(max = 128) String userId) {
    }

    /** Body of a release: the holder a service account acts for. */
    public record UnlockRequest(@Size(max = 128) String userId) {
    }

    /**
     * Body of a redemption: the lock taken for it, optional free-form details of the order, and the
     * holder a service account acts for.
     */
    public record RedeemRequest(@NotBlank @Size(max = 64) String lockId,
                                @Size(max = StorableMetadata.MAX_ENTRIES) Map<String, String> metadata,
                                @Size(max = 128) String userId) {
    }

    /**
     * Body of a validation: whose redemption (the caller's when absent; an admin or a service
     * account names anyone) and, optionally, under which lock.
     */
    public record ValidationRequest(@Size(max = 128) String userId, @Size(max = 64) String lockId) {
    }

    @PostMapping("/validation")
    @Operation(summary = "Tell whether a redemption would be accepted now, and every reason if not; changes nothing")
    @ApiResponse(responseCode = "200", description = "the verdict, valid or not",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CouponValidation.class)))
    public CouponValidation validate(@PathVariable String code, @AuthenticationPrincipal Jwt jwt,
                                     @Valid @RequestBody(required = false) ValidationRequest request) {
        return coupons.validate(code, Caller.of(jwt), request == null ? null : request.userId(),
                request == null ? null : request.lockId());
    }

    @PostMapping("/lock")
    @ApiResponse(responseCode = "200", description = "the lock granted; the holder's live lock given back (same lockId, "
            + "extended when the new end is later) when the holder locks again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CouponLockGrant.class)))
    public CouponLockGrant lock(@PathVariable String code, @AuthenticationPrincipal Jwt jwt,
                                @Valid @RequestBody(required = false) LockRequest request) {
        Caller holder = Caller.of(jwt).holderAction(request == null ? null : request.userId());
        return coupons.lock(code, holder, request == null ? null : request.ttlSeconds());
    }

    @DeleteMapping("/lock")
    @ApiResponse(responseCode = "204", description = "released, or the coupon was not locked")
    public ResponseEntity<Void> unlock(@PathVariable String code, @AuthenticationPrincipal Jwt jwt,
                                       @Valid @RequestBody(required = false) UnlockRequest request) {
        coupons.unlock(code, Caller.of(jwt).holderAction(request == null ? null : request.userId()));
        return ResponseEntity.noContent().build();
    }

    /** Body of a reversal: why the redemption is given back (a cancelled or refunded order), kept in the history. */
    public record ReversalRequest(@NotBlank @Size(max = MAX_REASON) @Storable String reason) {
    }

    @PostMapping("/redemptions/{redemptionId}/reversal")
    @PreAuthorize("hasAnyRole('ADMIN', 'SERVICE')")
    @Operation(summary = "Give a redemption back (a cancelled or refunded order); repeating it changes nothing")
    @ApiResponse(responseCode = "200", description = "the redemption is reversed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CouponRedemptionReversal.class)))
    public CouponRedemptionReversal reverse(@PathVariable String code, @PathVariable String redemptionId,
                                            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ReversalRequest request) {
        return coupons.reverse(code, Caller.of(jwt), redemptionId, request.reason());
    }

    @PostMapping("/redemptions")
    @ApiResponse(responseCode = "201", description = "the redemption",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CouponRedemption.class)))
    public ResponseEntity<?> redeem(@PathVariable String code, @AuthenticationPrincipal Jwt jwt,
                                    @Valid @RequestBody RedeemRequest request,
                                    @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
                                    HttpServletRequest http) {
        Caller caller = Caller.of(jwt);
        Caller holder = caller.holderAction(request.userId());
        return idempotency.once(caller.userId(), idempotencyKey, http.getRequestURI(), request, () -> ResponseEntity
                .status(HttpStatus.CREATED).body(coupons.redeem(code, holder, request.lockId(), request.metadata())));
    }
}
