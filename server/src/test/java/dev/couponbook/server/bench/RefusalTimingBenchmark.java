package dev.couponbook.server.bench;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import dev.couponbook.server.coupon.CouponApi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The timing side of "another user's coupon looks like an unknown code": a stranger's lock and
 * redemption attempts on a code in each state, sent round-robin over the states so drift in
 * the machine's load spreads evenly, after a warm-up. Medians and 90th percentiles go into the
 * "Refusal timing by coupon state" section of docs/benchmarks.md. Run with bench/refusal-timing/run.sh.
 */
@Tag("benchmark")
@SpringBootTest(classes = CouponBookServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"couponbook.namespace-per-run=true", "couponbook.embedded.persistent=false",
                "couponbook.security.seed-demo-users=false", "logging.level.root=WARN",
                "couponbook.rate-limit.coupon-actions-per-user-per-minute=0",
                "couponbook.rate-limit.coupon-actions-per-ip-per-minute=0"})
class RefusalTimingBenchmark {

    private static final int REQUESTS = Integer.getInteger("bench.requests", 100);
    private static final int WARM_UP = 20;
    private static final Path REPORT = Path.of(System.getProperty("bench.report", "../docs/benchmarks.md"));
    private static final String SECTION = "## Refusal timing by coupon state";

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Test
    void measureRefusalTimingByCouponState() throws IOException {
        ApiClient api = new ApiClient(port);
        CouponApi coupons = new CouponApi(api, encoder);
        CouponApi.CouponsInEveryState coupon = coupons.couponsInEveryState(1800);
        String stranger = coupons.newUser();

        Map<String, Supplier<String>> states = new LinkedHashMap<>();
        states.put("unknown", () -> "NOPE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        states.put("free", coupon::free);
        states.put("held by another user", coupon::held);
        states.put("locked by another user", coupon::locked);
        states.put("redeemed by another user", coupon::redeemed);

        StringBuilder section = new StringBuilder(SECTION).append("\n\n")
                .append("A stranger's attempts on a code in each state, all answered 404 `COUPON_NOT_FOUND`; ")
                .append(REQUESTS).append(" requests per state and action, sent round-robin over the states after ")
                .append(WARM_UP).append(" warm-up rounds, one client, embedded stores (").append(LocalDate.now())
                .append(", `bench/refusal-timing/run.sh`).\n\n")
                .append("| action | state | median ms | p90 ms |\n| --- | --- | --- | --- |\n");
        for (String action : List.of("lock", "redeem")) {
            Map<String, List<Double>> millis = new LinkedHashMap<>();
            states.keySet().forEach(state -> millis.put(state, new ArrayList<>()));
            for (int round = 0; round < WARM_UP + REQUESTS; round++) {
                for (Map.Entry<String, Supplier<String>> state : states.entrySet()) {
                    String code = state.getValue().get();
                    long start = System.nanoTime();
                    ApiClient.Response response = action.equals("lock")
                            ? coupons.lock(code, stranger, null)
                            : api.post("/api/v1/coupons/" + code + "/redemptions", stranger, Map.of("lockId", "some-lock"));
                    double elapsed = (System.nanoTime() - start) / 1e6;
                    if (response.status() != 404) {
                        throw new IllegalStateException(state.getKey() + " answered " + response.raw());
                    }
                    if (round >= WARM_UP) {
                        millis.get(state.getKey()).add(elapsed);
                    }
                }
            }
            millis.forEach((state, values) -> section.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %.1f |%n",
                    action, state, percentile(values, 0.5), percentile(values, 0.9))));
        }
        BenchmarkReport.replaceSection(REPORT, SECTION, section.toString());
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(p * sorted.size())));
    }
}
