package dev.couponbook.server.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.server.ratelimit.RateLimitProperties;
import dev.couponbook.server.ratelimit.RateLimits;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** {@code POST /api/v1/auth/token}: exchanges an email and password for a signed JWT. */
@RestController
@Tag(name = "Authentication")
public class TokenController {

    private final UserAccounts accounts;
    private final ObjectProvider<JwtEncoder> encoder;
    private final JwtProperties jwt;
    private final Clock clock;
    private final RateLimits limits;
    private final RateLimitProperties budgets;

    public TokenController(UserAccounts accounts, ObjectProvider<JwtEncoder> encoder, JwtProperties jwt, Clock clock,
                           RateLimits limits, RateLimitProperties budgets) {
        this.accounts = accounts;
        this.encoder = encoder;
        this.jwt = jwt;
        this.clock = clock;
        this.limits = limits;
        this.budgets = budgets;
    }

    /** The credentials. */
    public record TokenRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 200) String password) {
    }

    /** An OAuth2-style token response. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    @PostMapping("/api/v1/auth/token")
    public TokenResponse token(@Valid @RequestBody TokenRequest request) {
        JwtEncoder signer = encoder.getIfAvailable();
        if (signer == null) {
            throw new DomainException(Refusal.TOKENS_ISSUED_ELSEWHERE);
        }
        // Per account as well as per address: guesses spread over many addresses still count.
        limits.spend("login:account:" + accountKey(request.email()), budgets.loginsPerAccountPerMinute());
        UserAccounts.Account account = accounts.authenticate(request.email(), request.password())
                .orElseThrow(InvalidCredentials::new);
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(jwt.issuer())
                .audience(List.of(jwt.audience()))
                .subject(account.id())
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(jwt.ttl()))
                .claim("roles", account.roles())
                .build();
        JwsHeader header = jwt.rsa() ? JwsHeader.with(SignatureAlgorithm.RS256).build()
                : JwsHeader.with(MacAlgorithm.HS256).build();
        String token = signer.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new TokenResponse(token, "Bearer", jwt.ttl().toSeconds());
    }

    /** The account's budget key: a digest, so no email is kept in Redis; case and spaces do not make another budget. */
    private static String accountKey(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wrong email or password; deliberately the same answer for both. */
    public static class InvalidCredentials extends RuntimeException {
        InvalidCredentials() {
            super("invalid email or password", null, false, false);
        }
    }
}
