package dev.couponbook.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import dev.couponbook.server.coupon.CouponApi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A soak run: mixed coupon traffic at a steady arrival rate for a bounded time while generation
 * jobs start at a steady interval, on the embedded default (persistent embedded MongoDB, embedded Redis
 * and AMQP). It counts every answer as success, expected domain refusal or error, samples the
 * heap after a forced full GC each minute, and ends with the admin consistency check over the
 * whole store. Writes the "Soak" section of docs/benchmarks.md. Run with bench/soak/run.sh.
 */
@Tag("benchmark")
@SpringBootTest(classes = CouponBookServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"couponbook.embedded.data-dir=target/bench-data", "couponbook.namespace-per-run=true",
                "couponbook.security.seed-demo-users=false", "logging.level.root=WARN"})
class SoakBenchmark {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.soak.seconds", 600));
    private static final double SESSIONS_PER_SECOND = Double.parseDouble(System.getProperty("bench.soak.rate", "15"));
    private static final int JOB_CODES = Integer.getInteger("bench.soak.job-codes", 100_000);
    private static final Duration JOB_INTERVAL = Duration.ofSeconds(Long.getLong("bench.soak.job-interval-seconds", 120));
    private static final Duration HEAP_SAMPLE = Duration.ofSeconds(Long.getLong("bench.soak.heap-sample-seconds", 60));
    private static final Path REPORT = Path.of(System.getProperty("bench.report", "../docs/benchmarks.md"));
    private static final String SECTION = "## Soak";
    /** Refusals the traffic provokes on purpose or by racing: the domain working, not failing. */
    private static final Set<String> EXPECTED_REFUSALS = Set.of("NO_CODES_AVAILABLE", "COUPON_LOCKED", "REDEMPTION_LIMIT_REACHED",
            "LOCK_NOT_HELD", "LOCK_EXPIRED");

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    MongoTemplate mongo;

    private ApiClient api;
    private CouponApi tokens;
    private String admin;
    private final ConcurrentMap<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final List<String> errorSamples = new CopyOnWriteArrayList<>();

    /** One heap sample, with how much the in-process store held at that moment. */
    private record HeapSample(double minute, long heapAfterGcMb, long events, long documents) {
        double mbPer100kDocuments() {
            return heapAfterGcMb * 100_000.0 / Math.max(1, documents);
        }
    }

    @Test
    void soak() throws Exception {
        api = new ApiClient(port);
        tokens = new CouponApi(api, encoder);
        admin = tokens.token("soak-admin", "ADMIN");
        String analyst = tokens.token("soak-analyst", "ANALYST");
        int mainCodes = (int) (SESSIONS_PER_SECOND * RUN.toSeconds() * 1.2) + 1_000;
        String main = book(Map.of("name", "Soak main", "allowMultipleRedemptions", true, "maxRedemptionsPerCode", 2), mainCodes);
        String small = book(Map.of("name", "Soak small"), 200);
        String generated = api.post("/api/v1/coupon-books", admin, Map.of("name", "Soak generated")).json().get("bookId").asText();

        AtomicBoolean traffic = new AtomicBoolean(true);
        List<String> jobs = new CopyOnWriteArrayList<>();
        Thread generation = new Thread(() -> runJobs(generated, traffic, jobs), "soak-generation");
        generation.start();

        ThreadPoolExecutor sessions = (ThreadPoolExecutor) Executors.newFixedThreadPool(64);
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        AtomicLong started = new AtomicLong();
        AtomicLong backlogPeak = new AtomicLong();
        long periodMicros = (long) (1_000_000 / SESSIONS_PER_SECOND);
        clock.scheduleAtFixedRate(() -> {
            started.incrementAndGet();
            backlogPeak.accumulateAndGet(sessions.getQueue().size(), Math::max);
            sessions.execute(() -> session(main, small, new SplittableRandom()));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        clock.scheduleAtFixedRate(() -> {
            timed("read stats", () -> api.get("/api/v1/coupon-books/" + main + "/stats", analyst));
            timed("read transactions", () -> api.get("/api/v1/transactions?couponBookId=" + main + "&size=20", analyst));
        }, 500, 1000, TimeUnit.MILLISECONDS);

        Instant start = Instant.now();
        List<HeapSample> heap = new ArrayList<>();
        heap.add(sampleHeap(start));
        while (Duration.between(start, Instant.now()).compareTo(RUN) < 0) {
            Thread.sleep(Math.min(HEAP_SAMPLE.toMillis(), Math.max(1, RUN.minus(Duration.between(start, Instant.now())).toMillis())));
            heap.add(sampleHeap(start));
        }
        clock.shutdown();
        clock.awaitTermination(1, TimeUnit.MINUTES);
        sessions.shutdown();
        sessions.awaitTermination(5, TimeUnit.MINUTES);
        traffic.set(false);
        generation.join(Duration.ofMinutes(30).toMillis());
        Duration soaked = Duration.between(start, Instant.now());
        // Short locks of the last sessions expire through the lock-expiry processor; let them land first.
        Thread.sleep(15_000);

        Instant checkStart = Instant.now();
        ApiClient.Response check = api.get("/api/v1/admin/consistency?waitMs=600000", admin);
        Duration checkTook = Duration.between(checkStart, Instant.now());
        heap.add(sampleHeap(start));
        write(soaked, started.get(), backlogPeak.get(), jobs, heap, check, checkTook);
    }

    /** One shopper: assign, maybe look, lock, then redeem (sometimes twice), release, or walk away from a short lock. */
    private void session(String main, String small, SplittableRandom random) {
        String user = tokens.token("soak-user-" + UUID.randomUUID(), "USER");
        String bookId = random.nextDouble() < 0.1 ? small : main;
        ApiClient.Response assigned = timed("assign", () -> api.post("/api/v1/coupon-books/" + bookId + "/assignments", user, Map.of()));
        if (assigned == null || assigned.status() != 201) {
            return;
        }
        String code = assigned.json().get("code").asText();
        if (random.nextDouble() < 0.3) {
            timed("read my coupons", () -> api.get("/api/v1/me/coupons", user));
        }
        double plan = random.nextDouble();
        boolean walkAway = plan < 0.1;
        String lockId = lock(code, user, walkAway ? 2 : null);
        if (lockId == null || walkAway) {
            return;
        }
        if (random.nextDouble() < 0.15) {
            timed("lock", () -> api.post("/api/v1/coupons/" + code + "/lock", user, Map.of()));
        }
        if (plan < 0.3) {
            timed("unlock", () -> api.send(HttpMethod.DELETE, "/api/v1/coupons/" + code + "/lock", user, null));
            return;
        }
        redeem(code, user, lockId);
        if (bookId.equals(main) && random.nextDouble() < 0.3) {
            for (int again = 0; again < 2; again++) {
                String next = lock(code, user, null);
                if (next != null) {
                    redeem(code, user, next);
                }
            }
        }
    }

    private String lock(String code, String user, Integer ttlSeconds) {
        ApiClient.Response lock = timed("lock", () -> api.post("/api/v1/coupons/" + code + "/lock", user,
                ttlSeconds == null ? Map.of() : Map.of("ttlSeconds", ttlSeconds)));
        return lock != null && lock.status() == 200 ? lock.json().get("lockId").asText() : null;
    }

    private void redeem(String code, String user, String lockId) {
        timed("redeem", () -> api.post("/api/v1/coupons/" + code + "/redemptions", user,
                Map.of("lockId", lockId, "metadata", Map.of("orderId", UUID.randomUUID().toString()))));
    }

    /** Starts a generation job every interval (or when the last one ends, if later) until the traffic stops; lets the last one finish. */
    private void runJobs(String bookId, AtomicBoolean traffic, List<String> jobs) {
        int round = 0;
        Instant nextStart = Instant.now();
        while (traffic.get()) {
            if (Instant.now().isBefore(nextStart)) {
                sleep(500);
                continue;
            }
            nextStart = Instant.now().plus(JOB_INTERVAL);
            ApiClient.Response started = api.post("/api/v1/coupon-books/" + bookId + "/generation-jobs", admin,
                    Map.of("count", JOB_CODES, "pattern", "SOAK" + round++ + "-#{10}"));
            if (started.status() != 202) {
                errorSamples.add("generation job refused: " + started.raw());
                return;
            }
            String job = "/api/v1/coupon-books/" + bookId + "/generation-jobs/" + started.json().get("jobId").asText();
            Instant jobStart = Instant.now();
            JsonNode status = api.get(job, admin).json();
            while (!Set.of("COMPLETED", "FAILED").contains(status.get("status").asText())) {
                sleep(1_000);
                status = api.get(job, admin).json();
            }
            jobs.add(String.format(Locale.ROOT, "%s %,d codes in %d s", status.get("status").asText(),
                    status.get("generated").asLong(), Duration.between(jobStart, Instant.now()).toSeconds()));
        }
    }

    private ApiClient.Response timed(String operation, Supplier<ApiClient.Response> call) {
        long t0 = System.nanoTime();
        ApiClient.Response response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            count(operation, "error " + e.getClass().getSimpleName());
            sample(operation + ": " + e);
            return null;
        }
        latencies.computeIfAbsent(operation, o -> Collections.synchronizedList(new ArrayList<>())).add(System.nanoTime() - t0);
        if (response.status() < 300) {
            count(operation, "ok");
        } else if (response.status() < 500 && EXPECTED_REFUSALS.contains(response.problemCode())) {
            count(operation, "refused " + response.problemCode());
        } else {
            count(operation, "error " + response.status() + " " + response.problemCode());
            sample(operation + ": " + response.status() + " " + response.raw());
        }
        return response;
    }

    private void count(String operation, String outcome) {
        outcomes.computeIfAbsent(operation + " | " + outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private void sample(String error) {
        if (errorSamples.size() < 10) {
            errorSamples.add(error.length() > 300 ? error.substring(0, 300) : error);
        }
    }

    private HeapSample sampleHeap(Instant start) {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long documents = 0;
        for (String collection : mongo.getCollectionNames()) {
            documents += mongo.getCollection(collection).estimatedDocumentCount();
        }
        return new HeapSample(Duration.between(start, Instant.now()).toMillis() / 60_000.0, used / (1024 * 1024),
                mongo.getCollection("domainevents").estimatedDocumentCount(), documents);
    }

    private String book(Map<String, Object> terms, int codes) {
        String bookId = api.post("/api/v1/coupon-books", admin, terms).json().get("bookId").asText();
        String prefix = "S" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        String body = IntStream.range(0, codes).mapToObj(i -> prefix + "-" + i).collect(Collectors.joining("\n"));
        ApiClient.Response upload = api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes", admin, body,
                MediaType.valueOf("text/csv"), HttpHeaders.EMPTY);
        if (upload.status() != 200) {
            throw new IllegalStateException("upload failed: " + upload.raw());
        }
        return bookId;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void write(Duration soaked, long sessions, long backlogPeak, List<String> jobs, List<HeapSample> heap,
                       ApiClient.Response check, Duration checkTook) throws IOException {
        StringBuilder out = new StringBuilder(SECTION).append("\n\n");
        out.append(String.format(Locale.ROOT, "Measured %s by `bench/soak/run.sh` on %d cores, max heap %d MB, embedded default. "
                        + "%.0f shopper sessions per second for %d s (%,d sessions; peak queue of sessions waiting for a client "
                        + "thread: %d), two analyst reads per second, and on a third book a generation job of %,d codes every %d s "
                        + "(or when the previous one ends, if later).%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                SESSIONS_PER_SECOND, RUN.toSeconds(), sessions, backlogPeak, JOB_CODES, JOB_INTERVAL.toSeconds()));
        out.append("| operation | outcome | count |\n| --- | --- | ---: |\n");
        new TreeMap<>(outcomes).forEach((key, count) -> {
            String[] parts = key.split(" \\| ");
            out.append("| ").append(parts[0]).append(" | ").append(parts[1]).append(" | ").append(count.get()).append(" |\n");
        });
        out.append("\n| operation | requests | p50 ms | p99 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |\n");
        new TreeMap<>(latencies).forEach((operation, list) -> {
            List<Long> sorted;
            synchronized (list) {
                sorted = new ArrayList<>(list);
            }
            Collections.sort(sorted);
            out.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", operation, sorted.size(),
                    quantile(sorted, 0.50), quantile(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6));
        });
        out.append("\nHeap after a forced full GC, next to what the in-process embedded store holds (its indexes live on "
                        + "the heap); the last row is after the traffic, the jobs and the final check:\n\n")
                .append("| minute | heap MB | events stored | documents stored | heap MB per 10^5 documents |\n"
                        + "| ---: | ---: | ---: | ---: | ---: |\n");
        heap.forEach(sample -> out.append(String.format(Locale.ROOT, "| %.1f | %d | %,d | %,d | %.1f |%n", sample.minute(),
                sample.heapAfterGcMb(), sample.events(), sample.documents(), sample.mbPer100kDocuments())));
        List<HeapSample> steady = heap.subList(Math.min(2, heap.size() - 1), heap.size());
        out.append(String.format(Locale.ROOT, "%nAfter the first two samples: heap %+.1f MB per minute; heap against documents "
                        + "stored %+.1f MB per 10^5 documents; what is left after taking that out (residual slope) %+.1f MB per minute.%n",
                slope(steady, HeapSample::minute, HeapSample::heapAfterGcMb),
                slope(steady, sample -> sample.documents() / 100_000.0, HeapSample::heapAfterGcMb),
                residualSlope(steady)));
        out.append("\nGeneration jobs: ").append(jobs.isEmpty() ? "none finished" : String.join("; ", jobs)).append(".\n");
        JsonNode report = check.json();
        out.append(String.format(Locale.ROOT, "%nConsistency check after the run (`GET /api/v1/admin/consistency`, %d s): HTTP %d, "
                + "consistent **%s**, %,d events read, %d books, %,d codes.%n%n", checkTook.toSeconds(), check.status(),
                report == null ? "?" : report.path("consistent").asText(), report == null ? 0 : report.path("eventsRead").asLong(),
                report == null ? 0 : report.path("books").asInt(), report == null ? 0 : report.path("codes").asLong()));
        if (report != null && report.has("checks")) {
            out.append("| check | compared | mismatches |\n| --- | ---: | ---: |\n");
            report.get("checks").forEach(c -> out.append("| ").append(c.get("name").asText()).append(" | ")
                    .append(c.get("compared").asLong()).append(" | ").append(c.get("mismatches").asLong())
                    .append(c.hasNonNull("skipped") ? " (skipped: " + c.get("skipped").asText() + ")" : "").append(" |\n"));
            report.get("findings").forEach(f -> out.append("\n- finding: ").append(f.toString()));
        }
        if (!errorSamples.isEmpty()) {
            out.append("\nFirst errors:\n\n");
            errorSamples.forEach(e -> out.append("- `").append(e.replace('`', '\'').replace('\n', ' ')).append("`\n"));
        }
        BenchmarkReport.replaceSection(REPORT, SECTION, out.toString());
        System.out.println(out);
    }

    private static double quantile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    /** Least-squares slope of {@code y} against {@code x}. */
    private static double slope(List<HeapSample> samples, ToDoubleFunction<HeapSample> x, ToDoubleFunction<HeapSample> y) {
        if (samples.size() < 2) {
            return Double.NaN;
        }
        double mx = samples.stream().mapToDouble(x).average().orElse(0);
        double my = samples.stream().mapToDouble(y).average().orElse(0);
        double num = 0;
        double den = 0;
        for (HeapSample sample : samples) {
            num += (x.applyAsDouble(sample) - mx) * (y.applyAsDouble(sample) - my);
            den += Math.pow(x.applyAsDouble(sample) - mx, 2);
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /**
     * Heap growth over time once the part explained by the stored documents is removed: a leak
     * in the service would show here, while the embedded store's growth with its data would not.
     */
    private static double residualSlope(List<HeapSample> samples) {
        double perDocument = slope(samples, HeapSample::documents, HeapSample::heapAfterGcMb);
        double meanDocuments = samples.stream().mapToDouble(HeapSample::documents).average().orElse(0);
        return slope(samples, HeapSample::minute, sample -> sample.heapAfterGcMb() - perDocument * (sample.documents() - meanDocuments));
    }
}
