package dev.couponbook.command.coupon;

import dev.couponbook.command.Caller;
import dev.couponbook.command.idempotency.IdempotencyKeys;
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

/** Checkout on a held coupon: lock it, release the lock, redeem it under the lock. */
@RestController
@RequestMapping("/api/v1/coupons/{code}")
@PreAuthorize("hasAnyRole('USER', 'ADMIN')")
@Tag(name = "Locks and redemption")
public class CouponController {

    private final CouponService coupons;
    private final IdempotencyKeys idempotency;

    public CouponController(CouponService coupons, IdempotencyKeys idempotency) {
        this.coupons = coupons;
        this.idempotency = idempotency;
    }

    /** Body of a lock request; without {@code ttlSeconds} the lock lasts five minutes. */
    public record LockRequest(@Positive Integer ttlSeconds) {
    }

    /** Body of a redemption: the lock taken for it, and optional free-form details of the order. */
    public record RedeemRequest(@NotBlank @Size(max = 64) String lockId,
                                @Size(max = CouponService.MAX_METADATA_ENTRIES) Map<String, String> metadata) {
    }

    @PostMapping("/lock")
    public CouponLockGrant lock(@PathVariable String code, @AuthenticationPrincipal Jwt jwt,
                                @Valid @RequestBody(required = false) LockRequest request) {
        return coupons.lock(code, Caller.of(jwt), request == null ? null : request.ttlSeconds());
    }

    @DeleteMapping("/lock")
    @ApiResponse(responseCode = "204", description = "released, or the coupon was not locked")
    public ResponseEntity<Void> unlock(@PathVariable String code, @AuthenticationPrincipal Jwt jwt) {
        coupons.unlock(code, Caller.of(jwt));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/redemptions")
    @ApiResponse(responseCode = "201", description = "the redemption",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CouponRedemption.class)))
    public ResponseEntity<?> redeem(@PathVariable String code, @AuthenticationPrincipal Jwt jwt,
                                    @Valid @RequestBody RedeemRequest request,
                                    @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey,
                                    HttpServletRequest http) {
        Caller caller = Caller.of(jwt);
        return idempotency.once(caller.userId(), idempotencyKey, http.getRequestURI(), request, () -> ResponseEntity
                .status(HttpStatus.CREATED).body(coupons.redeem(code, caller, request.lockId(), request.metadata())));
    }
}
