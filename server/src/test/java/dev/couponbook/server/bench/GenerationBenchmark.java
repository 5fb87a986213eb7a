package dev.couponbook.server.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates {@code bench.codes} codes (default 1,000,000) on the embedded default (persistent
 * mongo-java-server, embedded Redis and Qpid, all roles in one process) with worker concurrency 1
 * and 2, probing API latency on another book while the job runs and while idle, and compares with
 * inserting the same number of registry documents straight into the same store. Run it with
 * {@code bench/generation/run.sh}; results are printed and written under {@code bench/results/}.
 */
@Tag("benchmark")
class GenerationBenchmark {

    private static final long CODES = Long.getLong("bench.codes", 1_000_000);
    private static final String PATTERN = "BENCH-#{10}";
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(20);
    private static final Duration IDLE_PROBING = Duration.ofSeconds(15);

    /** What one run measured. */
    record Run(int concurrency, Duration startup, Duration generation, Duration readModel, Latency idle,
               Latency busy, Duration rawInsert) {
    }

    /** Latency percentiles of the probe requests, in milliseconds. */
    record Latency(int samples, double p50, double p99, double max) {
        static Latency of(List<Double> millis) {
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            return new Latency(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                    sorted.get(sorted.size() - 1));
        }

        private static double percentile(List<Double> sorted, double p) {
            return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
        }
    }

    @Test
    void generateAMillionCodes() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (String concurrency : System.getProperty("bench.concurrency", "1,2").split(",")) {
            runs.add(run(Integer.parseInt(concurrency.trim())));
        }
        String report = report(runs);
        System.out.println(report);
        Path results = Path.of(System.getProperty("bench.results", "../bench/results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("generation-" + Instant.now().toString().replace(':', '-') + ".md"), report);
    }

    private Run run(int concurrency) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("couponbook-bench-");
        Instant booting = Instant.now();
        // Command-line arguments, because application.yml outranks the builder's default properties.
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(CouponBookServer.class).run(
                "--server.port=0",
                "--couponbook.embedded.data-dir=" + dataDir,
                "--couponbook.embedded.persistent=" + System.getProperty("bench.persistent", "true"),
                "--couponbook.generation.worker-concurrency=" + concurrency,
                "--logging.level.root=WARN")) {
            Duration startup = Duration.between(booting, Instant.now());
            int port = server.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            ApiClient api = new ApiClient(port);
            String admin = api.token(ApiClient.ADMIN);
            String probed = api.post("/api/v1/coupon-books", admin, Map.of("name", "Probed")).json().get("bookId").asText();
            String generated = api.post("/api/v1/coupon-books", admin, Map.of("name", "Generated")).json().get("bookId").asText();
            api.await("/api/v1/coupon-books/" + probed, admin, r -> r.status() == 200);

            Latency idle = probe(api, admin, probed, new AtomicBoolean(true), IDLE_PROBING);

            AtomicBoolean running = new AtomicBoolean(true);
            List<Latency> busy = new ArrayList<>();
            Thread prober = new Thread(() -> busy.add(probe(api, admin, probed, running, Duration.ofHours(1))));
            Instant started = Instant.now();
            ApiClient.Response job = api.post("/api/v1/coupon-books/" + generated + "/generation-jobs", admin,
                    Map.of("count", CODES, "pattern", PATTERN));
            assertThat(job.status()).as(job.raw()).isEqualTo(202);
            prober.start();
            String status = job.headers().getLocation().toString();
            ApiClient.Response state = api.get(status, admin);
            while (state.status() != 200 || !Set.of("COMPLETED", "FAILED").contains(state.json().get("status").asText())) {
                Thread.sleep(100);
                state = api.get(status, admin);
            }
            Duration generation = Duration.between(started, Instant.now());
            System.out.printf(Locale.ROOT, "concurrency %d: job %s after %.1f s%n", concurrency,
                    state.json().get("status").asText(), seconds(generation));
            running.set(false);
            prober.join();
            assertThat(state.json().get("status").asText()).isEqualTo("COMPLETED");
            assertThat(state.json().get("generated").asLong()).isEqualTo(CODES);
            // Only the generated book has codes, so the collection's size is its count, read without a scan.
            MongoTemplate mongo = server.getBean(MongoTemplate.class);
            while (mongo.getCollection("book_codes").estimatedDocumentCount() < CODES) {
                Thread.sleep(200);
            }
            Duration readModel = Duration.between(started, Instant.now());

            Duration rawInsert = rawInsert(mongo.getCollection("bench_raw_insert"));
            return new Run(concurrency, startup, generation, readModel, idle, busy.get(0), rawInsert);
        }
    }

    /** One request every PROBE_INTERVAL, alternating a book read and a book update, until stopped or {@code limit}. */
    private static Latency probe(ApiClient api, String admin, String bookId, AtomicBoolean running, Duration limit) {
        List<Double> millis = new ArrayList<>();
        Instant end = Instant.now().plus(limit);
        int i = 0;
        while (running.get() && Instant.now().isBefore(end)) {
            long begin = System.nanoTime();
            ApiClient.Response response = i++ % 2 == 0
                    ? api.get("/api/v1/coupon-books/" + bookId, admin)
                    : api.send(HttpMethod.PATCH, "/api/v1/coupon-books/" + bookId, admin, Map.of("description", "probe " + i));
            millis.add((System.nanoTime() - begin) / 1e6);
            assertThat(response.status()).isEqualTo(200);
            long rest = PROBE_INTERVAL.toNanos() - (System.nanoTime() - begin);
            if (rest > 0) {
                try {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return Latency.of(millis);
    }

    /** The same number of registry-shaped documents, drawn the same way, inserted in batches of a chunk. */
    private static Duration rawInsert(MongoCollection<Document> collection) {
        CodePattern pattern = CodePattern.parse("RAW-#{10}");
        SecureRandom random = new SecureRandom();
        Instant started = Instant.now();
        for (long done = 0; done < CODES; done += 1000) {
            Set<String> codes = new HashSet<>();
            while (codes.size() < Math.min(1000, CODES - done)) {
                codes.add(pattern.generate(random));
            }
            List<Document> batch = new ArrayList<>(codes.size());
            for (String code : codes) {
                batch.add(new Document("_id", code).append("bookId", "raw").append("batchId", "raw#" + done));
            }
            collection.insertMany(batch, new InsertManyOptions().ordered(false));
        }
        return Duration.between(started, Instant.now());
    }

    private static String report(List<Run> runs) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Generation of %,d codes (%s), %s, %d cores, %s%n%n", CODES, PATTERN,
                Boolean.parseBoolean(System.getProperty("bench.persistent", "true"))
                        ? "embedded default (mongo-java-server H2 file)" : "in-memory mongo-java-server",
                Runtime.getRuntime().availableProcessors(), Instant.now()));
        out.append("| worker concurrency | server start | job completed | codes/s | codes in read model | raw insert of the same documents | raw docs/s | probe p50 idle | p50 during job | p99 idle | p99 during job |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Run run : runs) {
            out.append(String.format(Locale.ROOT,
                    "| %d | %.1f s | %.1f s | %,.0f | %.1f s | %.1f s | %,.0f | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
                    run.concurrency(), seconds(run.startup()), seconds(run.generation()),
                    CODES / seconds(run.generation()), seconds(run.readModel()), seconds(run.rawInsert()),
                    CODES / seconds(run.rawInsert()), run.idle().p50(), run.busy().p50(), run.idle().p99(),
                    run.busy().p99()));
        }
        out.append(String.format(Locale.ROOT, "%nProbe samples (idle / during job): %s%n", runs.stream()
                .map(run -> run.idle().samples() + " / " + run.busy().samples()).toList()));
        return out.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
