package dev.couponbook.messages.couponbook;

import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The rules an admin sets on a book. {@code startDate} and {@code endDate} may be null (open
 * window); {@code maxCodesPerUser}, {@code maxRedemptionsPerUser}, {@code maxRedemptionsPerCode}
 * and {@code maxRedemptionsTotal} null mean unlimited; {@code codePattern}, when set, is the
 * {@link CodePattern} of the book's generation jobs that name none.
 * {@code maxRedemptionsPerUser} counts one user's redemptions across all their coupons of the book,
 * {@code maxRedemptionsPerCode} one coupon's (only when {@code allowMultipleRedemptions}; otherwise
 * a coupon is redeemed once), {@code maxRedemptionsTotal} the whole book's: the budget.
 * {@code codeValidityAfterAssignment}, when set, is how long a code stays usable once assigned.
 */
public record CouponBookTerms(
        String name,
        String description,
        Instant startDate,
        Instant endDate,
        Integer maxCodesPerUser,
        Integer maxRedemptionsPerUser,
        boolean allowMultipleRedemptions,
        String codePattern,
        Integer maxRedemptionsPerCode,
        Integer maxRedemptionsTotal,
        Duration codeValidityAfterAssignment) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 2000;
    /** Ten years: longer is a typo, and it keeps assignment time plus validity far from Instant's range. */
    public static final Duration MAX_CODE_VALIDITY = Duration.ofDays(3650);

    /** Reads {@code codeValidityAfterAssignment} as sent (null stays null); refuses what is not a duration. */
    public static Duration codeValidity(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            throw new DomainException(Refusal.INVALID_CODE_VALIDITY);
        }
    }

    /** Throws {@link InvalidInput} naming the first rule these terms break. */
    public CouponBookTerms validated() {
        if (name == null || name.isBlank()) {
            throw new DomainException(Refusal.NAME_REQUIRED);
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new DomainException(Refusal.NAME_TOO_LONG, "name must have at most " + MAX_NAME_LENGTH + " characters");
        }
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            throw new DomainException(Refusal.DESCRIPTION_TOO_LONG,
                    "description must have at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        if (startDate != null && endDate != null && !endDate.isAfter(startDate)) {
            throw new DomainException(Refusal.INVALID_WINDOW);
        }
        if (maxCodesPerUser != null && maxCodesPerUser < 1) {
            throw new DomainException(Refusal.INVALID_LIMIT, "maxCodesPerUser must be positive");
        }
        if (maxRedemptionsPerUser != null && maxRedemptionsPerUser < 1) {
            throw new DomainException(Refusal.INVALID_LIMIT, "maxRedemptionsPerUser must be positive");
        }
        if (maxRedemptionsPerCode != null && maxRedemptionsPerCode < 1) {
            throw new DomainException(Refusal.INVALID_LIMIT, "maxRedemptionsPerCode must be positive");
        }
        if (maxRedemptionsTotal != null && maxRedemptionsTotal < 1) {
            throw new DomainException(Refusal.INVALID_LIMIT, "maxRedemptionsTotal must be positive");
        }
        if (codePattern != null) {
            CodePattern.parse(codePattern);
        }
        if (codeValidityAfterAssignment != null && (codeValidityAfterAssignment.isNegative()
                || codeValidityAfterAssignment.isZero() || codeValidityAfterAssignment.compareTo(MAX_CODE_VALIDITY) > 0)) {
            throw new DomainException(Refusal.INVALID_CODE_VALIDITY, "codeValidityAfterAssignment must be positive and at most "
                    + MAX_CODE_VALIDITY.toDays() + " days (" + MAX_CODE_VALIDITY + ")");
        }
        return this;
    }

    /** How often one coupon of this book may be redeemed by its holder. */
    public int redemptionsAllowedPerCoupon() {
        if (!allowMultipleRedemptions) {
            return 1;
        }
        return maxRedemptionsPerCode == null ? Integer.MAX_VALUE : maxRedemptionsPerCode;
    }
}
