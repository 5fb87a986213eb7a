package dev.couponbook.server.security;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to start the {@code prod} profile with anything meant for a laptop, before any server
 * starts, listing every problem at once: demo accounts, a JWT secret that is the shipped one (in
 * any letter case), a placeholder or too easy to guess, a first admin with a weak password, or
 * no external MongoDB, Redis or AMQP (one missing variable would give every pod its own embedded
 * store). Runs before the embedded infrastructure, which would otherwise start them.
 */
public class ProductionSafety implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    /** Below this, a secret's characters are too repetitive to be random, whatever its length (≈ bits of Shannon entropy). */
    static final int MIN_SECRET_ENTROPY_BITS = 128;
    static final int MIN_ADMIN_PASSWORD = 12;
    /** Words in the shipped development and example secrets and the demo password. */
    private static final List<String> PLACEHOLDERS = List.of("dev-only", "replace-me", "change-me", "password1");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Environment env = context.getEnvironment();
        if (!env.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        List<String> problems = problems(env);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the prod profile refuses to start: " + String.join("; ", problems));
        }
    }

    static List<String> problems(Environment env) {
        List<String> problems = new ArrayList<>();
        if (env.getProperty("couponbook.security.seed-demo-users", Boolean.class, false)) {
            problems.add("demo accounts are switched on (COUPONBOOK_SEED_DEMO_USERS)");
        }
        boolean issuesHs256 = blank(env.getProperty("couponbook.security.jwt.public-key"))
                && blank(env.getProperty("couponbook.security.jwt.jwk-set-uri"));
        if (issuesHs256) {
            secretProblem(env.getProperty("couponbook.security.jwt.secret")).ifPresent(problems::add);
        }
        String adminPassword = env.getProperty("couponbook.security.first-admin.password");
        if (!blank(adminPassword) && (adminPassword.length() < MIN_ADMIN_PASSWORD || placeholder(adminPassword))) {
            problems.add("the first admin's password must have at least " + MIN_ADMIN_PASSWORD
                    + " characters and not be a demo password (COUPONBOOK_ADMIN_PASSWORD)");
        }
        Map<String, String> stores = Map.of("couponbook.mongodb.uri", "MONGODB_URI", "couponbook.redis.url", "REDIS_URL",
                "couponbook.amqp.url", "AMQP_URL");
        stores.keySet().stream().sorted().filter(key -> blank(env.getProperty(key))).forEach(key ->
                problems.add("no external server configured (" + stores.get(key) + "): prod never starts embedded ones"));
        return problems;
    }

    private static Optional<String> secretProblem(String secret) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < JwtKeys.MIN_SECRET_BYTES) {
            return Optional.of("JWT_SECRET must have at least " + JwtKeys.MIN_SECRET_BYTES + " bytes");
        }
        if (placeholder(secret)) {
            return Optional.of("the development JWT secret cannot be used with the prod profile; set JWT_SECRET");
        }
        if (entropyBits(secret) < MIN_SECRET_ENTROPY_BITS) {
            return Optional.of("JWT_SECRET is too easy to guess; use random bytes, e.g. `openssl rand -base64 48`");
        }
        return Optional.empty();
    }

    private static boolean placeholder(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.stream().anyMatch(lower::contains);
    }

    /** The text's length times the Shannon entropy of its character frequencies. */
    static double entropyBits(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        text.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
        int length = text.codePointCount(0, text.length());
        double perCharacter = 0;
        for (int count : counts.values()) {
            double p = (double) count / length;
            perCharacter -= p * Math.log(p) / Math.log(2);
        }
        return perCharacter * length;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
