package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.CouponBookChanges;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.command.Storable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

/** Body of {@code PATCH /api/v1/coupon-books/{bookId}}: only the fields present change. */
public record UpdateCouponBookRequest(
        @Size(min = 1, max = CouponBookTerms.MAX_NAME_LENGTH) @Storable String name,
        @Size(max = CouponBookTerms.MAX_DESCRIPTION_LENGTH) @Storable String description,
        Instant startDate,
        Instant endDate,
        @Positive Integer maxCodesPerUser,
        @Schema(description = "redemptions one user may make across all their coupons of the book")
        @Positive Integer maxRedemptionsPerUser,
        Boolean allowMultipleRedemptions,
        @Size(max = 100) @Storable String codePattern,
        @Schema(description = "redemptions of one coupon when allowMultipleRedemptions")
        @Positive Integer maxRedemptionsPerCode,
        @Schema(description = "the book's budget: redemptions of all its coupons together")
        @Positive Integer maxRedemptionsTotal,
        @Schema(description = "replaces the whole metadata when sent ({} clears it); absent keeps it") Map<String, String> metadata,
        @Size(max = 40) String codeValidityAfterAssignment) {

    CouponBookChanges changes() {
        return new CouponBookChanges(name, description, startDate, endDate, maxCodesPerUser, maxRedemptionsPerUser,
                allowMultipleRedemptions, codePattern, maxRedemptionsPerCode, maxRedemptionsTotal,
                CouponBookTerms.codeValidity(codeValidityAfterAssignment));
    }
}
