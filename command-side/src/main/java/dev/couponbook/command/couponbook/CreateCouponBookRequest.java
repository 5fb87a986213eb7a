package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.command.Storable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Body of {@code POST /api/v1/coupon-books}; {@code totalCodes} with {@code codePattern} also starts a generation job. */
public record CreateCouponBookRequest(
        @NotBlank @Size(max = CouponBookTerms.MAX_NAME_LENGTH) @Storable String name,
        @Size(max = CouponBookTerms.MAX_DESCRIPTION_LENGTH) @Storable String description,
        Instant startDate,
        Instant endDate,
        @Positive Integer maxCodesPerUser,
        @Positive Integer maxRedemptionsPerUser,
        Boolean allowMultipleRedemptions,
        Boolean active,
        @Positive Long totalCodes,
        @Size(max = 100) @Storable String codePattern,
        @Size(max = 40) String codeValidityAfterAssignment) {

    CouponBookTerms terms() {
        return new CouponBookTerms(name, description, startDate, endDate, maxCodesPerUser, maxRedemptionsPerUser,
                Boolean.TRUE.equals(allowMultipleRedemptions), codePattern,
                CouponBookTerms.codeValidity(codeValidityAfterAssignment));
    }

    boolean activeOrDefault() {
        return active == null || active;
    }
}
