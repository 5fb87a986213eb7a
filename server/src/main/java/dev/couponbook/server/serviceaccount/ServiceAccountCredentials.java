package dev.couponbook.server.serviceaccount;

import java.time.Instant;

/** A service account with its new secret, answered once at creation or rotation; the service keeps only its hash. */
public record ServiceAccountCredentials(String clientId, String clientSecret, String name, boolean enabled,
                                        Instant createdAt, Instant secretRotatedAt) {

    static ServiceAccountCredentials of(ServiceAccountView account, String clientSecret) {
        return new ServiceAccountCredentials(account.clientId(), clientSecret, account.name(), account.enabled(),
                account.createdAt(), account.secretRotatedAt());
    }
}
