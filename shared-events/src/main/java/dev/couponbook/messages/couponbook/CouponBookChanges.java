package dev.couponbook.messages.couponbook;

import java.time.Duration;
import java.time.Instant;

/** A partial update of a book's terms: null fields keep their current value. */
public record CouponBookChanges(
        String name,
        String description,
        Instant startDate,
        Instant endDate,
        Integer maxCodesPerUser,
        Integer maxRedemptionsPerUser,
        Boolean allowMultipleRedemptions,
        String codePattern,
        Integer maxRedemptionsPerCode,
        Integer maxRedemptionsTotal,
        Duration codeValidityAfterAssignment) {

    /** The terms that result from applying these changes to {@code current}. */
    public CouponBookTerms applyTo(CouponBookTerms current) {
        return new CouponBookTerms(
                name != null ? name : current.name(),
                description != null ? description : current.description(),
                startDate != null ? startDate : current.startDate(),
                endDate != null ? endDate : current.endDate(),
                maxCodesPerUser != null ? maxCodesPerUser : current.maxCodesPerUser(),
                maxRedemptionsPerUser != null ? maxRedemptionsPerUser : current.maxRedemptionsPerUser(),
                allowMultipleRedemptions != null ? allowMultipleRedemptions : current.allowMultipleRedemptions(),
                codePattern != null ? codePattern : current.codePattern(),
                maxRedemptionsPerCode != null ? maxRedemptionsPerCode : current.maxRedemptionsPerCode(),
                maxRedemptionsTotal != null ? maxRedemptionsTotal : current.maxRedemptionsTotal(),
                codeValidityAfterAssignment != null ? codeValidityAfterAssignment : current.codeValidityAfterAssignment());
    }
}
