package dev.couponbook.command.code;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What decides when a code stops being usable, as the coupon needs it at assignment: the code's
 * own expiry, claimed with it in the {@link CodeRegistry}, and how long the book lets a code live
 * once assigned. Both are read when the code is assigned; the coupon records the result.
 */
@FunctionalInterface
public interface CodeValidity {

    /** The validity of {@code code} of {@code bookId}. */
    Validity of(String bookId, String code);

    /** A code's own expiry (null: none) and the book's validity after assignment (null: unlimited). */
    record Validity(Instant codeExpiresAt, Duration afterAssignment) {

        public static final Validity UNLIMITED = new Validity(null, null);

        /** Whether the code's own expiry has come by {@code now}. */
        public boolean expiredAt(Instant now) {
            return codeExpiresAt != null && !now.isBefore(codeExpiresAt);
        }

        /** When a coupon assigned at {@code assignedAt} expires: the earlier of both limits, null when there is none. */
        public Instant expiryWhenAssignedAt(Instant assignedAt) {
            // Milliseconds, as the read models store instants, so every view shows the same expiry.
            Instant afterwards = afterAssignment == null ? null : assignedAt.plus(afterAssignment).truncatedTo(ChronoUnit.MILLIS);
            if (codeExpiresAt == null) {
                return afterwards;
            }
            return afterwards == null || codeExpiresAt.isBefore(afterwards) ? codeExpiresAt : afterwards;
        }
    }
}
