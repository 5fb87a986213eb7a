package dev.couponbook.server.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.SecurityContext;
import dev.couponbook.command.Caller;
import dev.couponbook.server.serviceaccount.ServiceAccountDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Builds the token decoder (every request) and encoder (the token endpoint) from
 * {@link JwtProperties}. Each decoder accepts exactly one algorithm, so an {@code alg: none}
 * token or an HS256 token signed with the RSA public key is refused, and it checks expiry,
 * not-before, issuer and audience, and refuses a token without an expiry. A service account's
 * token also needs the account enabled and still on the secret the token was issued for (read
 * through the directory's cache, so within a minute everywhere). Which secrets the
 * {@code prod} profile accepts is {@link ProductionSafety}'s decision.
 */
@Configuration(proxyBeanMethods = false)
class JwtKeys {

    static final int MIN_SECRET_BYTES = 32;

    @Bean
    JwtDecoder jwtDecoder(JwtProperties jwt, ServiceAccountDirectory serviceAccounts) {
        NimbusJwtDecoder decoder;
        if (jwt.external()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).jwsAlgorithm(SignatureAlgorithm.RS256).build();
        } else if (jwt.rsa()) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(jwt)).signatureAlgorithm(SignatureAlgorithm.RS256).build();
        } else {
            decoder = NimbusJwtDecoder.withSecretKey(secretKey(jwt)).macAlgorithm(MacAlgorithm.HS256).build();
        }
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(jwt.audience()));
        // The default validators check exp only when a token has one; a token without it would never expire.
        OAuth2TokenValidator<Jwt> expires = new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull);
        // An external provider's machine clients are its own to revoke; ours are in the directory.
        OAuth2TokenValidator<Jwt> serviceAccount = jwt.external() ? token -> OAuth2TokenValidatorResult.success()
                : token -> liveServiceAccount(token, serviceAccounts);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(jwt.issuer()), audience, expires, serviceAccount));
        return decoder;
    }

    private static OAuth2TokenValidatorResult liveServiceAccount(Jwt token, ServiceAccountDirectory serviceAccounts) {
        List<String> roles = token.getClaimAsStringList("roles");
        if (roles == null || !roles.contains(Caller.SERVICE_ROLE)) {
            return OAuth2TokenValidatorResult.success();
        }
        String secretId = token.getClaimAsString(TokenController.SECRET_ID_CLAIM);
        boolean live = token.getSubject() != null && serviceAccounts.state(token.getSubject())
                .map(state -> state.enabled() && state.secretId().equals(secretId))
                .orElse(false);
        return live ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(new OAuth2Error(
                "invalid_token", "the service account is disabled or its secret was replaced", null));
    }

    /**
     * Null (no encoder) when tokens come from an external identity provider, or when RS256 is
     * configured without a private key: such an instance only validates tokens.
     */
    @Bean
    JwtEncoder jwtEncoder(JwtProperties jwt) {
        if (jwt.external() || (jwt.rsa() && jwt.privateKey() == null)) {
            return null;
        }
        if (jwt.rsa()) {
            RSAKey key = new RSAKey.Builder(publicKey(jwt)).privateKey(privateKey(jwt)).build();
            return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
        }
        return new NimbusJwtEncoder(new ImmutableSecret<>(secretKey(jwt)));
    }

    private SecretKey secretKey(JwtProperties jwt) {
        if (jwt.secret() == null || jwt.secret().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("couponbook.security.jwt.secret must have at least "
                    + MIN_SECRET_BYTES + " bytes for HS256");
        }
        return new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static RSAPublicKey publicKey(JwtProperties jwt) {
        try {
            byte[] der = pem(jwt.publicKey().getContentAsString(StandardCharsets.US_ASCII));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("couponbook.security.jwt.public-key is not an RSA public key (X.509 PEM)", e);
        }
    }

    private static RSAPrivateKey privateKey(JwtProperties jwt) {
        try {
            byte[] der = pem(jwt.privateKey().getContentAsString(StandardCharsets.US_ASCII));
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("couponbook.security.jwt.private-key is not an RSA private key (PKCS#8 PEM)", e);
        }
    }

    private static byte[] pem(String text) {
        return Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").trim());
    }
}
