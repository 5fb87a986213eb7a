package dev.couponbook.server.bench;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.MetaDataKeys;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.query.readmodel.ReadModelProcessing;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.query.replay.ProjectionAdmin;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import dev.couponbook.server.coupon.CouponApi;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full replay of a large history into every read model, and the latency of the three list
 * endpoints on the result. Appends {@code bench.events} events (default 10^6: books, code
 * uploads, assignments, locks, unlocks, expiries, redemptions, refusals) straight into the event
 * store through the storage engine, lets the projections build their read models, then replays
 * all of them at once and times it; finally times {@code bench.queries} requests on each list
 * endpoint over HTTP. Runs only the query role (the command side's processors would react to the
 * synthetic events) on the persistent embedded MongoDB in a fresh directory. Rewrites the
 * "Read models and replay" section of docs/benchmarks.md. Run with bench/replay/run.sh.
 */
@Tag("benchmark")
@SpringBootTest(classes = CouponBookServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"couponbook.roles=query", "couponbook.embedded.data-dir=target/bench-replay-data",
                "couponbook.namespace-per-run=true", "couponbook.security.seed-demo-users=false", "logging.level.root=WARN"})
class ReplayBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 1_000_000);
    /** How densely the synthetic history is spread in time, in events per second. */
    private static final int RATE = Integer.getInteger("bench.rate", 100);
    private static final int QUERIES = Integer.getInteger("bench.queries", 500);
    private static final int USERS = 20_000;
    private static final int BOOKS = 4;
    private static final int APPEND_BATCH = 1_000;
    private static final Duration LIMIT = Duration.ofMinutes(Integer.getInteger("bench.limit-minutes", 30));
    private static final Path REPORT = Path.of(System.getProperty("bench.report", "../docs/benchmarks.md"));
    private static final String SECTION = "## Read models and replay";
    private static final String ME = "bench-me";

    @LocalServerPort
    int port;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProjectionAdmin admin;
    @Autowired
    ReadModelStatus readModels;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    JwtEncoder encoder;

    @Autowired
    MeterRegistry meters;

    private final List<String> notes = new ArrayList<>();

    /**
     * Axon's event store lets processors near the head share one reader, which pauses between
     * reads; processors that start together from the first event then wait on it. With
     * {@code -Dbench.optimize-event-consumption=false} each reads on its own.
     */
    static {
        System.setProperty("optimize-event-consumption", System.getProperty("bench.optimize-event-consumption", "true"));
    }

    @Test
    void replaysAMillionEventsAndAnswersTheListEndpoints() throws IOException {
        processors().forEach(TrackingEventProcessor::shutDown);
        long appendStart = System.nanoTime();
        History history = new History();
        history.write();
        double appendSeconds = seconds(appendStart);
        notes.add(String.format(Locale.ROOT, "%,d events appended in %.1f s (%,.0f events/s), batches of %,d through the storage engine",
                history.appended, appendSeconds, history.appended / appendSeconds, APPEND_BATCH));

        long buildStart = System.nanoTime();
        long buildCpuStart = processCpuNanos();
        RangeReads buildReads = rangeReads();
        processors().forEach(TrackingEventProcessor::start);
        awaitRebuilt(buildStart);
        double buildSeconds = seconds(buildStart);
        double buildCpuSeconds = (processCpuNanos() - buildCpuStart) / 1e9;
        notes.add("range reads of the event stream during the first build: " + rangeReads().since(buildReads));

        long replayStart = System.nanoTime();
        long replayCpuStart = processCpuNanos();
        RangeReads replayReads = rangeReads();
        ReadModelProcessing.PROJECTIONS.forEach(admin::replay);
        awaitRebuilt(replayStart);
        double replaySeconds = seconds(replayStart);
        double replayCpuSeconds = (processCpuNanos() - replayCpuStart) / 1e9;
        notes.add("range reads of the event stream during the full replay: " + rangeReads().since(replayReads));

        Map<String, Long> sizes = sizes();
        notes.add("read models after the replay: " + sizes.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %,d", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", ")));

        ApiClient api = new ApiClient(port);
        CouponApi tokens = new CouponApi(api, encoder);
        String analyst = tokens.token("bench-analyst", "ANALYST");
        String me = tokens.token(ME, "USER");
        Random random = new Random(7);
        List<String> transactionFilters = List.of("", "couponBookId=book-0", "couponBookId=book-1&action=REDEEM",
                "couponBookId=book-2&status=REJECTED", "action=LOCK&status=SUCCEEDED", "userId=u-%d", "code=book-3-%d",
                "couponBookId=book-0&action=ASSIGN&status=SUCCEEDED", "couponBookId=book-1&from=%s&to=%s", "page=5");
        List<Latency> latencies = List.of(
                measure(api, "GET /users/{userId}/coupons", analyst,
                        i -> "/api/v1/users/u-" + random.nextInt(USERS) + "/coupons"),
                measure(api, "GET /me/coupons", me, i -> "/api/v1/me/coupons"),
                measure(api, "GET /transactions", analyst, i -> "/api/v1/transactions?"
                        + transactionFilter(transactionFilters.get(i % transactionFilters.size()), random, history)));

        write(history.appended, new Phase("first build of all read models", buildSeconds, buildCpuSeconds),
                new Phase("full replay of all read models", replaySeconds, replayCpuSeconds), latencies);
        assertThat(sizes.get("transactions")).isGreaterThan(history.appended * 9L / 10);
    }

    private static String transactionFilter(String template, Random random, History history) {
        if (template.contains("from=")) {
            Instant from = history.start.plusSeconds(random.nextInt(Math.max(1, EVENTS / RATE)));
            return String.format(template, from, from.plusSeconds(3600));
        }
        return template.contains("%d") ? String.format(template, random.nextInt(template.startsWith("code") ? history.couponsPerBook : USERS)) : template;
    }

    private List<TrackingEventProcessor> processors() {
        return ReadModelProcessing.PROJECTIONS.stream()
                .map(name -> processing.eventProcessor(name, TrackingEventProcessor.class).orElseThrow())
                .toList();
    }

    private void awaitRebuilt(long start) {
        for (String projection : ReadModelProcessing.PROJECTIONS) {
            while (true) {
                try {
                    readModels.awaitCaughtUp(projection, Duration.ofSeconds(10));
                    if (!readModels.rebuilding(projection)) {
                        break;
                    }
                } catch (RuntimeException stillBehind) {
                    System.out.printf(Locale.ROOT, "%s still catching up after %.0f s%n", projection, seconds(start));
                }
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time limit").isLessThan(LIMIT);
            }
        }
    }

    private static Latency measure(ApiClient api, String endpoint, String token, IntFunction<String> path) {
        for (int i = 0; i < QUERIES / 10; i++) {
            api.get(path.apply(i), token);
        }
        long[] nanos = new long[QUERIES];
        int failed = 0;
        for (int i = 0; i < QUERIES; i++) {
            String request = path.apply(i);
            long start = System.nanoTime();
            ApiClient.Response response = api.get(request, token);
            nanos[i] = System.nanoTime() - start;
            if (response.status() != 200) {
                failed++;
            }
        }
        Arrays.sort(nanos);
        return new Latency(endpoint, QUERIES, failed, nanos[QUERIES / 2] / 1e6, nanos[(int) Math.ceil(QUERIES * 0.99) - 1] / 1e6);
    }

    private void write(int events, Phase build, Phase replay, List<Latency> latencies) throws IOException {
        StringBuilder section = new StringBuilder(SECTION).append("\n\n")
                .append(String.format(Locale.ROOT, "Measured %s by `bench/replay/run.sh` on %d cores, max heap %d MB, "
                                + "persistent embedded MongoDB, query role only; synthetic history spread at %d events/s; "
                                + "optimize-event-consumption=" + System.getProperty("optimize-event-consumption") + ". "
                                + "Target: full replay of 10^6 events ≤ 60 s.%n%n",
                        LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() / (1024 * 1024), RATE))
                .append("| phase | events | seconds | events/s | CPU s | CPU µs/event |\n| --- | ---: | ---: | ---: | ---: | ---: |\n")
                .append(build.row(events))
                .append(replay.row(events)).append('\n')
                .append("| endpoint | requests | failed | p50 ms | p99 ms |\n| --- | ---: | ---: | ---: | ---: |\n");
        latencies.forEach(latency -> section.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f |%n",
                latency.endpoint(), latency.requests(), latency.failed(), latency.p50(), latency.p99())));
        section.append('\n');
        notes.forEach(note -> section.append("- ").append(note).append('\n'));
        BenchmarkReport.replaceSection(REPORT, SECTION, section.toString());
        System.out.println(section);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private RangeReads rangeReads() {
        return new RangeReads(rangeReads("store"), rangeReads("shared"));
    }

    private double rangeReads(String source) {
        return meters.get("couponbook.events.range.reads").tag("source", source).functionCounter().count();
    }

    /** Reads of the event stream's next range, by whether the store or another processor's read answered them. */
    private record RangeReads(double store, double shared) {

        String since(RangeReads start) {
            double fromStore = store - start.store;
            double fromShared = shared - start.shared;
            return String.format(Locale.ROOT, "%,.0f from the store, %,.0f shared (%.0f %%)", fromStore, fromShared,
                    100 * fromShared / Math.max(1, fromStore + fromShared));
        }
    }

    /** The process's CPU time: the embedded store runs in it too, so this is all the replay costs. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A timed phase: CPU per event is the figure the machine's noise moves least. */
    private record Phase(String name, double seconds, double cpuSeconds) {

        String row(int events) {
            return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.1f | %.0f |%n", name, events, seconds, events / seconds,
                    cpuSeconds, cpuSeconds * 1e6 / events);
        }
    }

    /** One endpoint's measured latency. */
    private record Latency(String endpoint, int requests, int failed, double p50, double p99) {
    }

    private Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String collection : List.of("coupon_books", "user_coupons", "transactions", "book_stats", "book_stats_buckets",
                "book_codes", "generation_jobs")) {
            sizes.put(collection, mongo.getCollection(collection).countDocuments());
        }
        return sizes;
    }

    /**
     * A varied synthetic history: coupons of {@value #BOOKS} books pass through ten stories in
     * turn (redeemed, unlocked, expired, redeemed then refused again, refused a lock, left locked
     * or only assigned), held by {@value #USERS} users and every thousandth by {@link #ME}.
     */
    private final class History {
        private final Instant start = Instant.now().minusSeconds(EVENTS / RATE + 60);
        private final int couponsPerBook = EVENTS / 2 / BOOKS;
        private final Map<String, Object> metaData = Map.of(MetaDataKeys.USER_ID, "bench-client", MetaDataKeys.ROLES, "USER",
                MetaDataKeys.CLIENT, "replay-benchmark", MetaDataKeys.CORRELATION_ID, UUID.randomUUID().toString());
        private final List<EventMessage<?>> pending = new ArrayList<>(APPEND_BATCH);
        private int appended;

        void write() {
            for (int book = 0; book < BOOKS; book++) {
                String bookId = "book-" + book;
                domain("CouponBook", AggregateIds.book(bookId), 0, new CouponBookCreated(bookId,
                        new CouponBookTerms("Bench " + book, null, null, null, null, null, false, null, null, null, null), true, Map.of()));
                for (int batch = 0; batch * 1000 < couponsPerBook; batch++) {
                    int first = batch * 1000;
                    List<String> codes = IntStream.range(first, Math.min(couponsPerBook, first + 1000))
                            .mapToObj(i -> bookId + "-" + i).toList();
                    domain("CouponBook", AggregateIds.book(bookId), batch + 1L, new CodesUploaded(bookId, "upload-" + book, batch, codes));
                }
            }
            int coupon = 0;
            while (total() < EVENTS) {
                String bookId = "book-" + (coupon % BOOKS);
                String code = bookId + "-" + (coupon / BOOKS);
                String user = coupon % 1000 == 0 ? ME : "u-" + (coupon % USERS);
                story(coupon % 10, code, bookId, user);
                coupon++;
            }
            flush();
        }

        private void story(int story, String code, String bookId, String user) {
            String aggregate = AggregateIds.coupon(code);
            String lockId = UUID.randomUUID().toString();
            domain("Coupon", aggregate, 0, new CouponAssigned(code, bookId, user, UUID.randomUUID().toString()));
            if (story == 8) {
                refused(CouponAction.LOCK, "NOT_HOLDER", bookId, code, "u-" + (user.hashCode() & 0xffff));
                return;
            }
            if (story == 9) {
                return;
            }
            domain("Coupon", aggregate, 1, new CouponLocked(code, bookId, user, lockId, timestamp().plusSeconds(300)));
            switch (story) {
                case 4, 5 -> domain("Coupon", aggregate, 2, new CouponUnlocked(code, bookId, user, lockId));
                case 6 -> domain("Coupon", aggregate, 2, new CouponLockExpired(code, bookId, user, lockId));
                case 3 -> {
                }
                default -> {
                    domain("Coupon", aggregate, 2, new CouponRedeemed(code, bookId, user, lockId, UUID.randomUUID().toString(),
                            1, Map.of("order", "o-" + code)));
                    if (story == 7) {
                        refused(CouponAction.REDEEM, "ALREADY_REDEEMED", bookId, code, user);
                    }
                }
            }
        }

        private void domain(String type, String aggregateId, long sequence, Object payload) {
            add(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData, UUID.randomUUID().toString(), timestamp()));
        }

        private void refused(CouponAction action, String reason, String bookId, String code, String user) {
            add(new GenericEventMessage<>(UUID.randomUUID().toString(), new CouponActionRejected(action, reason, bookId, code, user),
                    metaData, timestamp()));
        }

        private Instant timestamp() {
            return start.plusMillis(total() * 1000L / RATE);
        }

        private int total() {
            return appended + pending.size();
        }

        private void add(EventMessage<?> event) {
            pending.add(event);
            if (pending.size() == APPEND_BATCH) {
                flush();
            }
        }

        private void flush() {
            if (!pending.isEmpty()) {
                storageEngine.appendEvents(pending);
                appended += pending.size();
                pending.clear();
                if (appended % 100_000 == 0) {
                    System.out.printf(Locale.ROOT, "appended %,d events%n", appended);
                }
            }
        }
    }
}
