package dev.couponbook.command.idempotency;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long idempotency keys are kept ({@code couponbook.idempotency.*}, see {@link IdempotencyKeys}).
 *
 * @param pendingTtl how long a key whose request is still running blocks a repeat; a crashed
 *                   request frees its key after it
 * @param ttl        how long a finished request's answer is replayed for its key
 */
@Validated
@ConfigurationProperties("couponbook.idempotency")
public record IdempotencyProperties(@DurationMin(seconds = 1) Duration pendingTtl,
                                    @DurationMin(seconds = 1) Duration ttl) {

    public IdempotencyProperties {
        pendingTtl = pendingTtl == null ? Duration.ofSeconds(60) : pendingTtl;
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
    }
}
