package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.command.Storable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

/** Body of {@code POST /api/v1/coupon-books}; {@code totalCodes} with {@code codePattern} also starts a generation job. */
public record CreateCouponBookRequest(
        @NotBlank @Size(max = CouponBookTerms.MAX_NAME_LENGTH) @Storable String name,
        @Size(max = CouponBookTerms.MAX_DESCRIPTION_LENGTH) @Storable String description,
        Instant startDate,
        Instant endDate,
        @Positive Integer maxCodesPerUser,
        @Schema(description = "redemptions one user may make across all their coupons of the book")
        @Positive Integer maxRedemptionsPerUser,
        Boolean allowMultipleRedemptions,
        Boolean active,
        @Positive Long totalCodes,
        @Size(max = 100) @Storable String codePattern,
        @Schema(description = "redemptions of one coupon when allowMultipleRedemptions")
        @Positive Integer maxRedemptionsPerCode,
        @Schema(description = "the book's budget: redemptions of all its coupons together")
        @Positive Integer maxRedemptionsTotal,
        @Schema(description = "free-form string keys and string values, at most 4096 bytes as compact JSON") Map<String, String> metadata,
        @Size(max = 40) String codeValidityAfterAssignment) {

    CouponBookTerms terms() {
        return new CouponBookTerms(name, description, startDate, endDate, maxCodesPerUser, maxRedemptionsPerUser,
                Boolean.TRUE.equals(allowMultipleRedemptions), codePattern, maxRedemptionsPerCode, maxRedemptionsTotal,
                CouponBookTerms.codeValidity(codeValidityAfterAssignment));
    }

    boolean activeOrDefault() {
        return active == null || active;
    }
}
