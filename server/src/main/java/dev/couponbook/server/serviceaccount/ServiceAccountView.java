package dev.couponbook.server.serviceaccount;

import java.time.Instant;

/** A service account as admins see it: never its secret. */
public record ServiceAccountView(String clientId, String name, boolean enabled, Instant createdAt,
                                 Instant secretRotatedAt) {
}
