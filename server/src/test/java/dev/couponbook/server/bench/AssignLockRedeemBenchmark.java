package dev.couponbook.server.bench;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import dev.couponbook.server.coupon.CouponApi;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Assign, lock and redeem throughput and latency over HTTP against the service on the embedded
 * default (persistent embedded MongoDB in a fresh directory, embedded Redis), for books of
 * 10^3, 10^5 and 10^6 codes, next to the raw cost of the store operations each request needs,
 * measured in the same run. Writes its table into the "Assign, lock, redeem" section of
 * docs/benchmarks.md after each book size, so a long run leaves its finished part behind.
 * Run with bench/assign-lock-redeem/run.sh.
 */
@Tag("benchmark")
@SpringBootTest(classes = CouponBookServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"couponbook.embedded.data-dir=target/bench-data", "couponbook.namespace-per-run=true",
                "couponbook.security.seed-demo-users=false", "logging.level.root=WARN"})
class AssignLockRedeemBenchmark {

    private static final int[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "1000,100000,1000000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int CLIENTS = Integer.getInteger("bench.clients", 32);
    private static final int OPS = Integer.getInteger("bench.ops", 3000);
    private static final Path REPORT = Path.of(System.getProperty("bench.report", "../docs/benchmarks.md"));
    private static final String SECTION = "## Assign, lock, redeem";

    @LocalServerPort
    int port;

    @Autowired
    JwtEncoder encoder;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MongoTemplate mongo;

    private ApiClient api;
    private CouponApi tokens;
    private String admin;

    /** Throughput and latency of one measured phase. */
    private record Result(String what, int ops, int failed, double perSecond, double p50, double p99) {
        String row(String size) {
            return String.format(Locale.ROOT, "| %s | %s | %d | %d | %.0f | %.1f | %.1f |", size, what, ops, failed, perSecond, p50, p99);
        }
    }

    @Test
    void measure() throws Exception {
        api = new ApiClient(port);
        tokens = new CouponApi(api, encoder);
        admin = tokens.token("bench-admin", "ADMIN");
        List<String> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int size : SIZES) {
            String label = String.format(Locale.ROOT, "10^%d", (int) Math.round(Math.log10(size)));
            String bookId = create();
            long uploadStart = System.nanoTime();
            upload(bookId, size);
            notes.add(String.format(Locale.ROOT, "- %s codes uploaded in %.1f s (batches of 10,000, streamed CSV).",
                    label, (System.nanoTime() - uploadStart) / 1e9));

            int ops = Math.min(OPS, size / 2);
            List<String> users = IntStream.range(0, ops).mapToObj(i -> tokens.token("bench-user-" + UUID.randomUUID(), "USER")).toList();
            String[] codes = new String[ops];
            String[] lockIds = new String[ops];
            rows.add(run("assign", ops, i -> {
                ApiClient.Response r = api.post("/api/v1/coupon-books/" + bookId + "/assignments", users.get(i), Map.of());
                codes[i] = r.status() == 201 ? r.json().get("code").asText() : null;
                return codes[i] != null;
            }).row(label));
            rows.add(run("lock", ops, i -> {
                ApiClient.Response r = api.post("/api/v1/coupons/" + codes[i] + "/lock", users.get(i), Map.of());
                lockIds[i] = r.status() == 200 ? r.json().get("lockId").asText() : null;
                return lockIds[i] != null;
            }).row(label));
            rows.add(run("redeem", ops, i -> api.post("/api/v1/coupons/" + codes[i] + "/redemptions", users.get(i),
                    Map.of("lockId", lockIds[i])).status() == 201).row(label));

            String scratch = "bench:" + UUID.randomUUID();
            redis.opsForSet().add(scratch, IntStream.range(0, ops).mapToObj(i -> "RAW-" + i).toArray(String[]::new));
            rows.add(run("raw Redis SPOP", ops, i -> redis.opsForSet().pop(scratch) != null).row(label));
            MongoCollection<Document> rawEvents = mongo.getCollection("bench_raw_events_" + size);
            rawEvents.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            rows.add(run("raw event insert", ops, i -> {
                rawEvents.insertOne(new Document("aggregateIdentifier", "raw:" + i).append("sequenceNumber", 0L)
                        .append("type", "Coupon").append("eventIdentifier", UUID.randomUUID().toString())
                        .append("timestamp", Instant.now().toString())
                        .append("payloadType", "dev.couponbook.messages.coupon.CouponAssigned").append("payloadRevision", "1")
                        .append("serializedPayload", "{\"code\":\"" + codes[i] + "\",\"bookId\":\"" + bookId
                                + "\",\"userId\":\"bench-user\",\"reservationId\":\"" + UUID.randomUUID() + "\"}"));
                return true;
            }).row(label));
            MongoCollection<Document> events = mongo.getCollection("domainevents");
            rows.add(run("raw stream read", ops, i -> {
                List<Document> stream = new ArrayList<>();
                events.find(Filters.eq("aggregateIdentifier", AggregateIds.coupon(codes[i])))
                        .sort(Sorts.ascending("sequenceNumber")).into(stream);
                return !stream.isEmpty();
            }).row(label));
            notes.add(String.format(Locale.ROOT, "- after the %s run the event store held %,d events.", label,
                    events.estimatedDocumentCount()));
            write(rows, notes);
        }
    }

    private Result run(String what, int ops, IntPredicate call) throws Exception {
        long[] latencies = new long[ops];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                for (int i = next.getAndIncrement(); i < ops; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    try {
                        ok = call.test(i);
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    latencies[i] = System.nanoTime() - t0;
                    if (!ok) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        Arrays.sort(latencies);
        return new Result(what, ops, failed.get(), ops / seconds, millis(latencies, 0.50), millis(latencies, 0.99));
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private String create() {
        return api.post("/api/v1/coupon-books", admin, Map.of("name", "Benchmark")).json().get("bookId").asText();
    }

    private void upload(String bookId, int size) {
        String prefix = "B" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        int chunk = 100_000;
        for (int from = 0; from < size; from += chunk) {
            int start = from;
            String body = IntStream.range(start, Math.min(size, start + chunk)).mapToObj(i -> prefix + "-" + i)
                    .collect(Collectors.joining("\n"));
            ApiClient.Response response = api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes", admin,
                    body, MediaType.valueOf("text/csv"), HttpHeaders.EMPTY);
            if (response.status() != 200 || response.json().get("rejected").asLong() != 0) {
                throw new IllegalStateException("upload failed: " + response.raw());
            }
        }
    }

    private void write(List<String> rows, List<String> notes) throws IOException {
        String section = SECTION + "\n\n"
                + "Measured " + LocalDate.now() + " by `bench/assign-lock-redeem/run.sh` on " + Runtime.getRuntime().availableProcessors()
                + " cores, " + CLIENTS + " concurrent HTTP clients, embedded default (persistent embedded MongoDB, embedded Redis), "
                + "max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB. Each operation row runs "
                + "min(" + OPS + ", size/2) requests, each a different user and code; raw rows run the same number of bare "
                + "store operations from the same number of threads, in the same process.\n\n"
                + "| book | operation | ops | failed | ops/s | p50 ms | p99 ms |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
                + String.join("\n", rows) + "\n\n" + String.join("\n", notes) + "\n";
        BenchmarkReport.replaceSection(REPORT, SECTION, section);
        System.out.println(section);
    }
}
