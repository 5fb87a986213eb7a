package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes' worth of Spring contexts against one MongoDB, Redis and AMQP broker
 * (the first instance's embedded ones, or the machine's on CI): the concurrency invariants
 * hold with requests spread over both, and both instances process their share of segments.
 */
class MultiInstanceTest {

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static CouponApi[] instances;

    @BeforeAll
    static void startTwoInstances() {
        String namespace = "mi" + UUID.randomUUID().toString().substring(0, 8);
        // The first instance stops last, so it removes the namespace's keys and queues.
        first = start("--couponbook.namespace=" + namespace, "--couponbook.namespace-owned-by-run=true",
                "--couponbook.embedded.persistent=false");
        Environment shared = first.getEnvironment();
        second = start("--couponbook.namespace=" + namespace,
                "--couponbook.mongodb.uri=" + shared.getProperty("spring.data.mongodb.uri"),
                "--couponbook.redis.url=" + shared.getProperty("spring.data.redis.url"),
                "--couponbook.amqp.url=" + shared.getProperty("spring.rabbitmq.addresses"));
        instances = new CouponApi[] {api(first), api(second)};
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void canAssignEachCodeOnceWithRequestsSpreadOverBothInstances() throws Exception {
        List<String> codes = CouponApi.freshCodes(60);
        String bookId = instances[0].bookWith(codes, Map.of("name", "Shared"));
        List<ApiClient.Response> results = CouponApi.race(200, i -> instances[i % 2].assign(bookId, instances[i % 2].newUser()));
        List<String> assigned = results.stream().filter(r -> r.status() == 201).map(r -> r.json().get("code").asText()).toList();
        assertThat(assigned).hasSize(60);
        assertThat(new HashSet<>(assigned)).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(results).filteredOn(r -> r.status() != 201).extracting(ApiClient.Response::problemCode)
                .containsOnly("NO_CODES_AVAILABLE");
    }

    @Test
    void cannotExceedThePerUserLimitThroughTwoInstances() throws Exception {
        String bookId = instances[0].bookWith(CouponApi.freshCodes(50), Map.of("name", "Limited", "maxCodesPerUser", 3));
        String user = instances[0].newUser();
        List<ApiClient.Response> results = CouponApi.race(60, i -> instances[i % 2].assign(bookId, user));
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(3);
        assertThat(results).filteredOn(r -> r.status() != 201).extracting(ApiClient.Response::problemCode)
                .containsOnly("CODE_LIMIT_REACHED");
    }

    @Test
    void canRedeemALockedCouponOnlyOnceThroughTwoInstances() throws Exception {
        CouponApi.Held held = instances[0].heldCoupon(Map.of("name", "Once"));
        String lockId = instances[1].lock(held.code(), held.token(), null).json().get("lockId").asText();
        List<ApiClient.Response> results = CouponApi.race(40, i -> instances[i % 2].redeem(held.code(), held.token(), lockId));
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() != 201).allMatch(r -> r.status() == 409);
    }

    @Test
    void cannotExceedTheBudgetThroughTwoInstances() throws Exception {
        int count = 80;
        int budget = 25;
        String bookId = instances[0].bookWith(CouponApi.freshCodes(count), Map.of("name", "Budget", "maxRedemptionsTotal", budget));
        List<CouponApi.Held> held = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = instances[i % 2].newUser();
            String code = instances[i % 2].assign(bookId, token).json().get("code").asText();
            held.add(new CouponApi.Held(code, token));
            locks.add(instances[i % 2].lock(code, token, null).json().get("lockId").asText());
        }
        List<ApiClient.Response> results = CouponApi.race(count,
                i -> instances[i % 2].redeem(held.get(i).code(), held.get(i).token(), locks.get(i)));
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(budget);
        assertThat(results).filteredOn(r -> r.status() != 201).extracting(ApiClient.Response::problemCode)
                .containsOnly("BUDGET_EXHAUSTED");
    }

    @Test
    void cannotExceedTheUsersRedemptionLimitThroughTwoInstances() throws Exception {
        int count = 10;
        String bookId = instances[0].bookWith(CouponApi.freshCodes(count),
                Map.of("name", "Per user", "maxCodesPerUser", count, "maxRedemptionsPerUser", 3));
        String user = instances[0].newUser();
        List<String> codes = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String code = instances[0].assign(bookId, user).json().get("code").asText();
            codes.add(code);
            locks.add(instances[0].lock(code, user, null).json().get("lockId").asText());
        }
        List<ApiClient.Response> results = CouponApi.race(count, i -> instances[i % 2].redeem(codes.get(i), user, locks.get(i)));
        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(3);
        assertThat(results).filteredOn(r -> r.status() != 201).extracting(ApiClient.Response::problemCode)
                .containsOnly("USER_REDEMPTION_LIMIT_REACHED");
    }

    @Test
    void canShareTheProjectionSegmentsBetweenTheInstances() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && !(heldSegments(first) > 0 && heldSegments(second) > 0)) {
            Thread.sleep(250);
        }
        assertThat(heldSegments(first)).as("segments of coupon-books on the first instance").isPositive();
        assertThat(heldSegments(second)).as("segments of coupon-books on the second instance").isPositive();
    }

    private static int heldSegments(ConfigurableApplicationContext instance) {
        return instance.getBean(EventProcessingConfiguration.class)
                .eventProcessor("coupon-books", TrackingEventProcessor.class)
                .map(processor -> processor.processingStatus().size())
                .orElse(0);
    }

    private static ConfigurableApplicationContext start(String... args) {
        String[] common = {"--server.port=0", "--couponbook.processing.balance-interval=1s",
                "--couponbook.processing.segments=2",
                "--couponbook.infrastructure.prefer-local-services=" + "true".equals(System.getenv("CI")),
                "--couponbook.rate-limit.coupon-actions-per-user-per-minute=0",
                "--couponbook.rate-limit.coupon-actions-per-ip-per-minute=0",
                "--couponbook.rate-limit.logins-per-ip-per-minute=0",
                "--logging.level.root=WARN"};
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        return new SpringApplicationBuilder(CouponBookServer.class).run(all);
    }

    private static CouponApi api(ConfigurableApplicationContext instance) {
        int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
        return new CouponApi(new ApiClient(port), instance.getBean(JwtEncoder.class));
    }
}
