package dev.couponbook.server.metrics;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.coupon.CouponApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus scrape after some traffic: small, a bounded number of series, valid text format
 * (promtool is not installed, so the format is checked here), no client-side percentiles for
 * Axon's timers, and every metric the alerts in docs/operations.md name is there.
 */
@AutoConfigureObservability(tracing = false)
class ScrapeTest extends IntegrationTest {

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\",?)*})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");
    private static final Pattern META = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");
    private static final Pattern ALERT_METRIC = Pattern.compile("`([a-z][a-zA-Z0-9]*_[a-zA-Z0-9_]+)");

    @Autowired
    JwtEncoder encoder;

    @Test
    void canScrapeFewValidSeriesIncludingEveryMetricTheAlertsName() throws IOException {
        CouponApi coupons = new CouponApi(api, encoder);
        for (int i = 0; i < 5; i++) {
            String bookId = coupons.bookWith(CouponApi.freshCodes(2), Map.of());
            String user = coupons.newUser();
            String code = coupons.assign(bookId, user).json().get("code").asText();
            String lockId = coupons.lock(code, user, null).json().get("lockId").asText();
            api.post("/api/v1/coupons/" + code + "/redemptions", user, Map.of("lockId", lockId));
            coupons.lock("NO-SUCH-CODE", user, null);
            api.get("/api/v1/coupon-books/" + bookId, coupons.admin);
        }
        String admin = api.token(ApiClient.ADMIN);
        ApiClient.Response scrape = api.await("/actuator/prometheus", admin,
                r -> r.raw().contains("couponbook_coupons_redeemed_total 5.0") && r.raw().contains("eventProcessor_latency"));

        Set<String> families = new LinkedHashSet<>();
        int series = 0;
        for (String line : scrape.raw().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                assertThat(line).as("comment line").matches(META);
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("sample line: " + line).isTrue();
            families.add(sample.group(1));
            series++;
        }
        assertThat(scrape.raw().length()).as("scrape size in bytes").isLessThan(150_000);
        assertThat(series).as("series").isLessThan(1_500);
        assertThat(scrape.raw()).as("no client-side percentiles on Axon's timers")
                .doesNotContainPattern("(?m)^(eventProcessor|commandBus|eventBus|eventStore|queryBus)\\S*quantile=");
        assertThat(families).contains("couponbook_read_model_lag_seconds", "couponbook_generation_codes_remaining");
        assertThat(scrape.raw()).containsPattern("couponbook_read_model_lag_seconds\\{processor=\"user-coupons\"} [0-9]");

        String alerts = Files.readString(Path.of("../docs/operations.md"));
        alerts = alerts.substring(alerts.indexOf("## Alerts"), alerts.indexOf("##", alerts.indexOf("## Alerts") + 3));
        Matcher named = ALERT_METRIC.matcher(alerts);
        Set<String> missing = new LinkedHashSet<>();
        while (named.find()) {
            String metric = named.group(1);
            if (families.stream().noneMatch(family -> family.equals(metric) || family.startsWith(metric + "_"))) {
                missing.add(metric);
            }
        }
        assertThat(missing).as("metrics the alerts name that the scrape lacks; present: " + families).isEmpty();
    }
}
