package dev.couponbook.server.security;

import dev.couponbook.server.CouponBookServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile starts only with settings meant for production, and says everything that is wrong at once. */
class ProductionSafetyTest {

    private static final String RANDOM_SECRET = "k3Jx9Qv2Lr8Tz5Wb7Yc1Nd4Fh6Gm0Ps-Ua_Ei+Oo/Rt=Sy2Xw";

    @Test
    void canStartWithProductionSettings() {
        assertThat(ProductionSafety.problems(production())).isEmpty();
        assertThat(ProductionSafety.problems(production().withProperty("couponbook.security.jwt.secret", "")
                .withProperty("couponbook.security.jwt.jwk-set-uri", "https://idp.example/jwks"))).as("no secret needed").isEmpty();
    }

    @Test
    void cannotStartWithDemoAccounts() {
        assertThat(ProductionSafety.problems(production().withProperty("couponbook.security.seed-demo-users", "true")))
                .singleElement().asString().contains("demo accounts");
    }

    @Test
    void cannotStartWithTheDevelopmentSecretInAnyLetterCaseOrAPlaceholder() {
        for (String secret : new String[]{"dev-only-secret-change-me-0123456789abcdef", "DEV-ONLY-SECRET-CHANGE-ME-0123456789ABCDEF",
                "Dev-Only-Secret-Change-Me-0123456789abcdef", "replace-me-with-at-least-32-random-bytes-before-use"}) {
            assertThat(ProductionSafety.problems(production().withProperty("couponbook.security.jwt.secret", secret)))
                    .as(secret).singleElement().asString().contains("development JWT secret");
        }
    }

    @Test
    void cannotStartWithASecretThatIsShortOrEasyToGuess() {
        for (String secret : new String[]{"a".repeat(32), "a".repeat(200), "abab".repeat(16), "abcdefgh".repeat(4)}) {
            assertThat(ProductionSafety.problems(production().withProperty("couponbook.security.jwt.secret", secret)))
                    .as(secret).singleElement().asString().contains("too easy to guess");
        }
        assertThat(ProductionSafety.problems(production().withProperty("couponbook.security.jwt.secret", "short")))
                .singleElement().asString().contains("at least 32 bytes");
    }

    @Test
    void cannotStartAFirstAdminWithAWeakPassword() {
        for (String password : new String[]{"Password1", "short", "replace-me-with-a-long-password"}) {
            assertThat(ProductionSafety.problems(production().withProperty("couponbook.security.first-admin.password", password)))
                    .as(password).singleElement().asString().contains("first admin");
        }
    }

    @Test
    void cannotStartWithAnEmbeddedStoreAndSaysWhichVariableIsMissing() {
        assertThat(ProductionSafety.problems(production().withProperty("couponbook.redis.url", "")))
                .singleElement().asString().contains("REDIS_URL");
        assertThatThrownBy(() -> new SpringApplicationBuilder(CouponBookServer.class)
                .run("--spring.profiles.active=prod", "--server.port=0", "--couponbook.security.jwt.secret=" + RANDOM_SECRET)
                .close())
                .hasMessageContaining("the prod profile refuses to start")
                .hasMessageContaining("MONGODB_URI").hasMessageContaining("REDIS_URL").hasMessageContaining("AMQP_URL");
    }

    private static MockEnvironment production() {
        return new MockEnvironment()
                .withProperty("couponbook.security.seed-demo-users", "false")
                .withProperty("couponbook.security.jwt.secret", RANDOM_SECRET)
                .withProperty("couponbook.security.first-admin.password", "a long and random passphrase")
                .withProperty("couponbook.mongodb.uri", "mongodb://mongo:27017/couponbook?replicaSet=rs0")
                .withProperty("couponbook.redis.url", "redis://redis:6379")
                .withProperty("couponbook.amqp.url", "amqp://u:p@rabbitmq:5672");
    }
}
