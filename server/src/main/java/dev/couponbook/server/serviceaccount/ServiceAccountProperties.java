package dev.couponbook.server.serviceaccount;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Service accounts: how long a client-credentials token lasts, and how long an instance trusts
 * what it last read of an account's state (enabled, current secret) before reading it again. The
 * second bounds how late another instance notices a disabled account or a rotated secret, so it
 * may not exceed a minute.
 */
@Validated
@ConfigurationProperties("couponbook.service-accounts")
public record ServiceAccountProperties(Duration tokenTtl, Duration stateCacheTtl) {

    static final Duration MAX_STATE_CACHE_TTL = Duration.ofMinutes(1);

    public ServiceAccountProperties {
        tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
        stateCacheTtl = stateCacheTtl == null ? Duration.ofSeconds(30) : stateCacheTtl;
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("couponbook.service-accounts.token-ttl must be positive");
        }
        if (stateCacheTtl.isNegative() || stateCacheTtl.compareTo(MAX_STATE_CACHE_TTL) > 0) {
            throw new IllegalArgumentException("couponbook.service-accounts.state-cache-ttl must be between 0 and "
                    + MAX_STATE_CACHE_TTL + ": a disabled account's tokens must stop working within it");
        }
    }
}
