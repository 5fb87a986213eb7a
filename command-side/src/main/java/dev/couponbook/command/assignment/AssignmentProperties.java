package dev.couponbook.command.assignment;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How coupons are handed out ({@code couponbook.assignment.*}).
 *
 * @param maxStaleCodes codes taken from the pool that turn out to be gone already, skipped in one
 *                      assignment before it is answered as a conflict
 */
@Validated
@ConfigurationProperties("couponbook.assignment")
public record AssignmentProperties(@PositiveOrZero Integer maxStaleCodes) {

    public AssignmentProperties {
        maxStaleCodes = maxStaleCodes == null ? 1_000 : maxStaleCodes;
    }
}
