package dev.couponbook.server.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The production option: RS256 with a key pair, and the algorithm-confusion attack it must resist. */
class Rs256Test extends IntegrationTest {

    private static final KeyPair KEYS = generate();
    private static final String PUBLIC_PEM = pem("PUBLIC KEY", KEYS.getPublic().getEncoded());

    @DynamicPropertySource
    static void keyPair(DynamicPropertyRegistry properties) throws IOException {
        Path dir = Files.createTempDirectory("jwt-keys");
        Path publicKey = Files.writeString(dir.resolve("public.pem"), PUBLIC_PEM);
        Path privateKey = Files.writeString(dir.resolve("private.pem"), pem("PRIVATE KEY", KEYS.getPrivate().getEncoded()));
        properties.add("couponbook.security.jwt.public-key", () -> publicKey.toUri().toString());
        properties.add("couponbook.security.jwt.private-key", () -> privateKey.toUri().toString());
    }

    @Test
    void canIssueAndAcceptRs256Tokens() {
        String token = api.token(ApiClient.ADMIN);
        assertThat(token.split("\\.")[0]).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(api.get("/api/v1/coupon-books", token).status()).isEqualTo(200);
    }

    @Test
    void cannotPassAnHs256TokenSignedWithThePublicKey() throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("coupon-book-service").audience("coupon-book-api")
                .subject("intruder").issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600))).claim("roles", List.of("ADMIN")).build();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        forged.sign(new MACSigner(PUBLIC_PEM.getBytes(StandardCharsets.UTF_8)));
        assertThat(api.get("/api/v1/coupon-books", forged.serialize()).status()).isEqualTo(401);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
