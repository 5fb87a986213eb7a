package dev.couponbook.command.assignment;

import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How coupons are handed out ({@code couponbook.assignment.*}).
 *
 * @param reservationTtl how long a code taken from the pool stays reserved for an assignment that
 *                       has not been confirmed, before it may be handed out again
 * @param maxStaleCodes  codes taken from the pool that turn out to be gone already, skipped in one
 *                       assignment before it is answered as a conflict
 */
@Validated
@ConfigurationProperties("couponbook.assignment")
public record AssignmentProperties(@DurationMin(seconds = 1) Duration reservationTtl,
                                   @PositiveOrZero Integer maxStaleCodes) {

    public AssignmentProperties {
        reservationTtl = reservationTtl == null ? Duration.ofSeconds(60) : reservationTtl;
        maxStaleCodes = maxStaleCodes == null ? 1_000 : maxStaleCodes;
    }
}
