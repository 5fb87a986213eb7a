package dev.couponbook.server.security;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.couponbook.command.Caller;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.server.ratelimit.RateLimitProperties;
import dev.couponbook.server.ratelimit.RateLimits;
import dev.couponbook.server.serviceaccount.ServiceAccountProperties;
import dev.couponbook.server.serviceaccount.ServiceAccounts;
import dev.couponbook.server.web.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/v1/auth/token}: exchanges a user's email and password (JSON), or a service
 * account's client id and secret (the OAuth 2 client-credentials grant, as a form or JSON, the
 * credentials in the body or as HTTP Basic per RFC 6749 section 2.3.1), for a signed JWT.
 */
@RestController
@Tag(name = "Authentication")
public class TokenController {

    static final String PATH = "/api/v1/auth/token";
    static final String CLIENT_CREDENTIALS = "client_credentials";
    /** The claim that binds a service token to the secret it was issued for, so a rotation ends it. */
    public static final String SECRET_ID_CLAIM = "secret_id";

    private final UserAccounts accounts;
    private final ServiceAccounts clients;
    private final ObjectProvider<JwtEncoder> encoder;
    private final JwtProperties jwt;
    private final ServiceAccountProperties serviceTokens;
    private final Clock clock;
    private final RateLimits limits;
    private final RateLimitProperties budgets;

    public TokenController(UserAccounts accounts, ServiceAccounts clients, ObjectProvider<JwtEncoder> encoder,
                           JwtProperties jwt, ServiceAccountProperties serviceTokens, Clock clock,
                           RateLimits limits, RateLimitProperties budgets) {
        this.accounts = accounts;
        this.clients = clients;
        this.encoder = encoder;
        this.jwt = jwt;
        this.serviceTokens = serviceTokens;
        this.clock = clock;
        this.limits = limits;
        this.budgets = budgets;
    }

    /** A user's credentials, or (with {@code grant_type=client_credentials}) a client's. */
    public record TokenRequest(@Size(max = 320) String email, @Size(max = 200) String password,
                               @JsonProperty("grant_type") @Size(max = 100) String grantType,
                               @JsonProperty("client_id") @Size(max = 200) String clientId,
                               @JsonProperty("client_secret") @Size(max = 200) String clientSecret,
                               @Size(max = 1000) String scope) {

        /** A login without a grant type is a user's and needs both fields. */
        @JsonIgnore
        @AssertTrue(message = "email and password must not be blank")
        public boolean isLoginComplete() {
            return grantType != null || (email != null && !email.isBlank() && password != null && !password.isBlank());
        }
    }

    /** An OAuth2-style token response. */
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a token: {email, password} for a user, or grant_type=client_credentials for a service account")
    public TokenResponse token(@Valid @RequestBody TokenRequest request,
                               @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (request.grantType() == null) {
            return userToken(request.email(), request.password());
        }
        return clientToken(request.grantType(), request.clientId(), request.clientSecret(), authorization);
    }

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Get a service account's token with the client-credentials grant (RFC 6749 section 4.4)")
    public TokenResponse clientCredentialsForm(
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return clientToken(grantType, clientId, clientSecret, authorization);
    }

    private TokenResponse userToken(String email, String password) {
        JwtEncoder signer = signer();
        // Per account as well as per address: guesses spread over many addresses still count.
        limits.spend("login:account:" + accountKey(email), budgets.loginsPerAccountPerMinute());
        UserAccounts.Account account = accounts.authenticate(email, password).orElseThrow(InvalidCredentials::new);
        return issue(signer, account.id(), account.roles(), Map.of(), jwt.ttl());
    }

    private TokenResponse clientToken(String grantType, String bodyClientId, String bodySecret, String authorization) {
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw new ClientRefused(Refusal.UNSUPPORTED_GRANT_TYPE, "unsupported_grant_type");
        }
        JwtEncoder signer = signer();
        String[] basic = basic(authorization);
        if (basic != null && bodySecret != null) {
            throw new ClientRefused(Refusal.INVALID_CLIENT, "invalid_client",
                    "send the client's credentials either as HTTP Basic or in the body, not both");
        }
        String clientId = basic != null ? basic[0] : bodyClientId;
        String secret = basic != null ? basic[1] : bodySecret;
        if (clientId == null || clientId.isBlank()) {
            throw new ClientRefused(Refusal.INVALID_CLIENT, "invalid_client");
        }
        limits.spend("login:account:" + accountKey(clientId), budgets.loginsPerAccountPerMinute());
        ServiceAccounts.Client client = clients.authenticate(clientId, secret)
                .orElseThrow(() -> new ClientRefused(Refusal.INVALID_CLIENT, "invalid_client"));
        return issue(signer, client.clientId(), List.of(Caller.SERVICE_ROLE),
                Map.of(SECRET_ID_CLAIM, client.secretId(), "client_id", client.clientId()), serviceTokens.tokenTtl());
    }

    private JwtEncoder signer() {
        JwtEncoder signer = encoder.getIfAvailable();
        if (signer == null) {
            throw new DomainException(Refusal.TOKENS_ISSUED_ELSEWHERE);
        }
        return signer;
    }

    private TokenResponse issue(JwtEncoder signer, String subject, List<String> roles, Map<String, Object> extra,
                                Duration ttl) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(jwt.issuer())
                .audience(List.of(jwt.audience()))
                .subject(subject)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(ttl))
                .claim("roles", roles);
        extra.forEach(claims::claim);
        JwsHeader header = jwt.rsa() ? JwsHeader.with(SignatureAlgorithm.RS256).build()
                : JwsHeader.with(MacAlgorithm.HS256).build();
        String token = signer.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new TokenResponse(token, "Bearer", ttl.toSeconds());
    }

    /** Client id and secret of an HTTP Basic header, each form-urlencoded first (RFC 6749 section 2.3.1); else null. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ClientRefused(Refusal.INVALID_CLIENT, "invalid_client", "the Basic credentials are not Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new ClientRefused(Refusal.INVALID_CLIENT, "invalid_client", "the Basic credentials hold no colon");
        }
        return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    }

    /**
     * A refused token request answered as RFC 6749 section 5.2 says (401 with a Basic challenge for
     * a client that failed to authenticate, the {@code error} member) in a problem document with its
     * stable {@code code}.
     */
    @ExceptionHandler(ClientRefused.class)
    ResponseEntity<ProblemDetail> refused(ClientRefused e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(e.refusal, e.getMessage());
        problem.setProperty("error", e.error);
        problem.setInstance(URI.create(request.getRequestURI()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (e.refusal == Refusal.INVALID_CLIENT) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"coupon-book\"");
        }
        return response.body(problem);
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

    /** A client-credentials request refused with an OAuth 2 {@code error}. */
    static class ClientRefused extends RuntimeException {
        private final Refusal refusal;
        private final String error;

        ClientRefused(Refusal refusal, String error) {
            this(refusal, error, refusal.detail());
        }

        ClientRefused(Refusal refusal, String error, String detail) {
            super(detail, null, false, false);
            this.refusal = refusal;
            this.error = error;
        }
    }
}
