package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.CouponBookChanges;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.command.Storable;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** Body of {@code PATCH /api/v1/coupon-books/{bookId}}: only the fields present change. */
public record UpdateCouponBookRequest(
        @Size(min = 1, max = CouponBookTerms.MAX_NAME_LENGTH) @Storable String name,
        @Size(max = CouponBookTerms.MAX_DESCRIPTION_LENGTH) @Storable String description,
        Instant startDate,
        Instant endDate,
        @Positive Integer maxCodesPerUser,
        @Positive Integer maxRedemptionsPerUser,
        Boolean allowMultipleRedemptions,
        @Size(max = 100) @Storable String codePattern,
        @Size(max = 40) String codeValidityAfterAssignment) {

    CouponBookChanges changes() {
        return new CouponBookChanges(name, description, startDate, endDate, maxCodesPerUser, maxRedemptionsPerUser,
                allowMultipleRedemptions, codePattern, CouponBookTerms.codeValidity(codeValidityAfterAssignment));
    }
}
