package dev.couponbook.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

import java.time.Duration;

/**
 * How tokens are signed and checked. HS256 with {@code secret} by default; RS256 when a key
 * pair is given ({@code public-key} and, on instances that issue tokens, {@code private-key});
 * an external identity provider's {@code jwk-set-uri} for validation only.
 */
@ConfigurationProperties("couponbook.security.jwt")
public record JwtProperties(
        String secret,
        Resource publicKey,
        Resource privateKey,
        String jwkSetUri,
        String issuer,
        String audience,
        Duration ttl) {

    public JwtProperties {
        issuer = issuer == null || issuer.isBlank() ? "coupon-book-service" : issuer;
        audience = audience == null || audience.isBlank() ? "coupon-book-api" : audience;
        ttl = ttl == null ? Duration.ofHours(1) : ttl;
    }

    boolean rsa() {
        return publicKey != null;
    }

    boolean external() {
        return jwkSetUri != null && !jwkSetUri.isBlank();
    }
}
