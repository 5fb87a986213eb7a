package dev.couponbook.command.coupon;

import jakarta.validation.constraints.AssertTrue;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How coupon locks last ({@code couponbook.locks.*}).
 *
 * @param defaultTtl a lock's length when the request names none
 * @param maxTtl     the longest lock a request may ask for
 */
@Validated
@ConfigurationProperties("couponbook.locks")
public record LockProperties(@DurationMin(seconds = 1) Duration defaultTtl,
                             @DurationMin(seconds = 1) Duration maxTtl) {

    public LockProperties {
        defaultTtl = defaultTtl == null ? Duration.ofMinutes(5) : defaultTtl;
        maxTtl = maxTtl == null ? Duration.ofMinutes(30) : maxTtl;
    }

    /** A request without a ttl must get a lock it could have asked for. */
    @AssertTrue(message = "default-ttl must not exceed max-ttl")
    public boolean isDefaultTtlWithinMax() {
        return defaultTtl.compareTo(maxTtl) <= 0;
    }
}
