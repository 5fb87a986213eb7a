package dev.couponbook.server.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.couponbook.command.couponbook.UpdatedCouponBook;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CouponBookChanges;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.messages.couponbook.CreateCouponBook;
import dev.couponbook.messages.couponbook.UpdateCouponBook;
import dev.couponbook.server.CouponBookServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon on the embedded MongoDB, indexed backend against plain mongo-java-server, in one JVM and one run:
 * aggregate-loading commands at 10^3 and 10^6 stored events, a tracking processor following steady
 * appends, and a full replay. Run as described in {@code bench/axon-on-embedded-mongo/README.md}.
 *
 * <p>Commands go through the {@link CommandGateway} of the real server, so each one loads the book through
 * Axon's caching repository. The cache is bypassed honestly: every timed command targets a book that was
 * appended straight into the store and never loaded in this JVM, which the test checks before sending it.
 */
@Tag("benchmark")
class AxonOnEmbeddedMongoBenchmark {

    private static final int[] SIZES = Arrays.stream(System.getProperty("bench.sizes", "1000,1000000").split(","))
            .mapToInt(Integer::parseInt).toArray();
    /** The order matters on a JIT-compiled JVM: the first backend also warms the code the second one reuses. */
    private static final List<Backend> BACKENDS = Arrays.stream(System.getProperty("bench.backends", "indexed,plain")
            .split(",")).map(name -> Backend.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
    private static final int COMMANDS = Integer.getInteger("bench.commands", 200);
    private static final int APPEND_RATE = Integer.getInteger("bench.appendRate", 500);
    private static final Duration LIVE_APPENDS = Duration.ofSeconds(Integer.getInteger("bench.liveSeconds", 60));
    private static final int PROCESSOR_BATCH = 100;
    private static final int EVENTS_PER_BOOK = 5;
    private static final int FILL_BATCH = 1_000;
    /** Filled history is spaced as if the store had grown at a steady 100 events/s (see README). */
    private static final Duration HISTORY_SPACING = Duration.ofMillis(10);
    private static final String DATABASE = "couponbook";

    private final StringBuilder report = new StringBuilder();
    private final Map<String, Double> medians = new ConcurrentHashMap<>();

    @Test
    void measureAxonOnIndexedAndPlainEmbeddedMongo() throws Exception {
        for (Backend backend : BACKENDS) {
            run(backend);
        }
        String text = report.toString();
        System.out.println(text);
        Path out = Path.of("target", "axon-on-embedded-mongo.md");
        Files.writeString(out, text);
        for (Backend backend : BACKENDS) {
            assertThat(medians).containsKeys(backend.key() + " load " + SIZES[0],
                    backend.key() + " load " + SIZES[SIZES.length - 1]);
        }
    }

    private void run(Backend backend) throws IOException, InterruptedException {
        System.gc();
        MongoServer plain = null;
        // command-line arguments, because application.yml's own defaults outrank SpringApplication's default properties
        List<String> arguments = new ArrayList<>(List.of("--couponbook.roles=command", "--server.port=0",
                "--couponbook.mongodb.database=" + DATABASE));
        if (backend == Backend.PLAIN) {
            plain = new MongoServer(new MemoryBackend());
            arguments.add("--couponbook.mongodb.uri=mongodb://127.0.0.1:" + plain.bind().getPort() + "/" + DATABASE);
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CouponBookServer.class)
                .profiles("test").run(arguments.toArray(String[]::new))) {
            assertThat(context.containsBean("embeddedMongoServer")).as("embedded MongoDB started")
                    .isEqualTo(backend == Backend.INDEXED);
            assertThat(context.getEnvironment().getProperty("couponbook.roles")).isEqualTo("command");
            new Session(backend, context).run();
        } finally {
            if (plain != null) {
                plain.shutdownNow();
            }
        }
    }

    private enum Backend {
        INDEXED("indexed (EmbeddedMongoServer.inMemory)", Duration.ofMinutes(20)),
        PLAIN("plain (mongo-java-server MemoryBackend)", Duration.ofSeconds(90));

        final String label;
        /** Each timed phase stops after this long; the plain backend scans the whole store per query. */
        final Duration budget;

        Backend(String label, Duration budget) {
            this.label = label;
            this.budget = budget;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One backend's server context and everything measured on it. */
    private final class Session {

        private final Backend backend;
        private final CommandGateway commands;
        private final EventStore eventStore;
        private final EventStorageEngine engine;
        private final TokenStore tokenStore;
        private final Cache cache;
        private final MongoDatabase database;
        private final Random random = new Random(42);
        private final Instant historyStart;
        private long stored;
        private int books;
        private final BitSet loaded = new BitSet();

        Session(Backend backend, ConfigurableApplicationContext context) {
            this.backend = backend;
            this.commands = context.getBean(CommandGateway.class);
            this.eventStore = context.getBean(EventStore.class);
            this.engine = context.getBean(EventStorageEngine.class);
            this.tokenStore = context.getBean(TokenStore.class);
            this.cache = context.getBean("couponBookCache", Cache.class);
            this.database = context.getBean(MongoClient.class).getDatabase(DATABASE);
            long largest = Arrays.stream(SIZES).max().orElseThrow();
            this.historyStart = Instant.now().minus(HISTORY_SPACING.multipliedBy(largest + FILL_BATCH));
        }

        void run() throws InterruptedException {
            section("%s", backend.label);
            warmUp();
            for (int size : SIZES) {
                fillTo(size);
                measureCommands(size);
            }
            replay();
            followAppends();
        }

        /**
         * Runs the command path 5,000 times (fewer left the first size measured on half-compiled code), then
         * empties the store so sizes are exact.
         */
        private void warmUp() {
            int warmBooks = 50;
            for (int b = 0; b < warmBooks; b++) {
                commands.sendAndWait(new CreateCouponBook("warm-" + b, terms("warm " + b, 0), true, null));
            }
            for (int round = 0; round < 100; round++) {
                for (int b = 0; b < warmBooks; b++) {
                    cache.removeAll();
                    commands.sendAndWait(new UpdateCouponBook("warm-" + b, rename("warm " + b + " r" + round), null));
                }
            }
            cache.removeAll();
            database.getCollection("domainevents").deleteMany(new Document());
            database.getCollection("snapshotevents").deleteMany(new Document());
            line("warm-up: 50 books created, 5,000 uncached updates; store emptied");
        }

        private void fillTo(long size) {
            long start = System.nanoTime();
            List<EventMessage<?>> batch = new ArrayList<>(FILL_BATCH);
            while (stored + batch.size() + EVENTS_PER_BOOK <= size) {
                int book = books++;
                String bookId = "b" + book;
                for (int seq = 0; seq < EVENTS_PER_BOOK; seq++) {
                    Instant at = historyStart.plus(HISTORY_SPACING.multipliedBy(stored + batch.size()));
                    Object payload = seq == 0 ? new CouponBookCreated(bookId, terms("book " + book, 0), true, Map.of())
                            : new CouponBookUpdated(bookId, terms("book " + book, seq), Map.of());
                    batch.add(new GenericDomainEventMessage<>("CouponBook", AggregateIds.book(bookId), seq,
                            GenericEventMessage.asEventMessage(payload), at));
                }
                if (batch.size() >= FILL_BATCH) {
                    engine.appendEvents(batch);
                    stored += batch.size();
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                engine.appendEvents(batch);
                stored += batch.size();
            }
            line("filled to %,d events (%,d books of %d events) in %.1f s", stored, books, EVENTS_PER_BOOK,
                    seconds(start));
        }

        /** Times UpdateCouponBook on books never loaded before: load 5 events, apply, append 1. */
        private void measureCommands(int size) {
            long storedBefore = stored;
            long deadline = System.nanoTime() + backend.budget.toNanos();
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < COMMANDS && (millis.size() < 5 || System.nanoTime() < deadline); i++) {
                int book = unloadedBook();
                String bookId = "b" + book;
                assertThat(cache.containsKey(AggregateIds.book(bookId))).isFalse();
                long t0 = System.nanoTime();
                CouponBookTerms updated = commands.<UpdatedCouponBook>sendAndWait(new UpdateCouponBook(bookId, rename("timed " + i), null)).terms();
                millis.add((System.nanoTime() - t0) / 1e6);
                assertThat(updated.name()).isEqualTo("timed " + i);
                stored++;
            }
            double median = percentile(millis, 50);
            medians.put(backend.key() + " load " + size, median);
            line("command loading a book, %,d events stored (%,d after): reps %d, median %.3f ms, p99 %s",
                    storedBefore, stored, millis.size(), median,
                    millis.size() >= 100 ? String.format(Locale.ROOT, "%.3f ms", percentile(millis, 99)) : "–");
            if (size == SIZES[SIZES.length - 1] && medians.containsKey(backend.key() + " load " + SIZES[0])) {
                line("load median ratio %,d vs %,d events: %.2f×", size, SIZES[0],
                        median / medians.get(backend.key() + " load " + SIZES[0]));
            }
        }

        private int unloadedBook() {
            int book;
            do {
                book = random.nextInt(books);
            } while (loaded.get(book));
            loaded.set(book);
            return book;
        }

        /** A tracking processor from the tail of the whole store, timed at every tenth of it. */
        private void replay() throws InterruptedException {
            long target = stored;
            long decile = Math.max(1, target / 10);
            AtomicLong seen = new AtomicLong();
            AtomicLongArray marks = new AtomicLongArray(11);
            long start = System.nanoTime();
            marks.set(0, start);
            TrackingEventProcessor processor = processor("bench-replay", StreamableMessageSource::createTailToken,
                    event -> {
                        long n = seen.incrementAndGet();
                        if (n % decile == 0 && n / decile <= 10) {
                            marks.set((int) (n / decile), System.nanoTime());
                        }
                        return null;
                    });
            processor.start();
            long deadline = start + backend.budget.toNanos();
            List<String> windows = new ArrayList<>();
            long lastCount = 0;
            long windowStart = start;
            while (seen.get() < target && System.nanoTime() < deadline) {
                Thread.sleep(200);
                long now = System.nanoTime();
                if (now - windowStart >= 10_000_000_000L) {
                    long count = seen.get();
                    windows.add(String.format(Locale.ROOT, "%,.0f", (count - lastCount) / ((now - windowStart) / 1e9)));
                    lastCount = count;
                    windowStart = now;
                }
            }
            long elapsed = (seen.get() >= target ? marks.get(10) : System.nanoTime()) - start;
            processor.shutDown();
            long reached = seen.get();
            line("replay of %,d events through a tracking processor (batch %d): reached %,d in %.1f s, %,.0f events/s",
                    target, PROCESSOR_BATCH, reached, elapsed / 1e9, reached / (elapsed / 1e9));
            StringBuilder deciles = new StringBuilder();
            for (int d = 1; d <= 10 && marks.get(d) != 0; d++) {
                deciles.append(String.format(Locale.ROOT, "%s%,.0f", d == 1 ? "" : " / ",
                        decile / ((marks.get(d) - marks.get(d - 1)) / 1e9)));
            }
            line("replay rate per decile, events/s: %s", deciles.length() == 0 ? "no decile completed" : deciles);
            line("replay rate per 10 s window, events/s: %s", String.join(" / ", windows));
            if (backend == Backend.INDEXED) {
                assertThat(reached).isGreaterThanOrEqualTo(target);
            }
        }

        /** Appends at a steady rate from the head while a tracking processor follows; samples its lag. */
        private void followAppends() throws InterruptedException {
            AtomicLong seen = new AtomicLong();
            TrackingEventProcessor processor = processor("bench-live", StreamableMessageSource::createHeadToken,
                    event -> {
                        seen.incrementAndGet();
                        return null;
                    });
            processor.start();
            Thread.sleep(2_000);
            int liveBooks = 100;
            long[] sequences = new long[liveBooks];
            int perTick = APPEND_RATE / 10;
            long appended = 0;
            long start = System.nanoTime();
            long end = start + LIVE_APPENDS.toNanos();
            long nextSample = start + 5_000_000_000L;
            List<String> lags = new ArrayList<>();
            long maxLag = 0;
            for (long tick = 0; System.nanoTime() < end; tick++) {
                List<EventMessage<?>> batch = new ArrayList<>(perTick);
                for (int i = 0; i < perTick; i++) {
                    int book = (int) ((appended + i) % liveBooks);
                    String bookId = "live-" + book;
                    Object payload = sequences[book] == 0
                            ? new CouponBookCreated(bookId, terms("live " + book, 0), true, Map.of())
                            : new CouponBookUpdated(bookId, terms("live " + book, (int) sequences[book]), Map.of());
                    batch.add(new GenericDomainEventMessage<>("CouponBook", AggregateIds.book(bookId),
                            sequences[book]++, payload));
                }
                eventStore.publish(batch);
                appended += perTick;
                long now = System.nanoTime();
                if (now >= nextSample) {
                    long lag = appended - seen.get();
                    maxLag = Math.max(maxLag, lag);
                    lags.add(String.format(Locale.ROOT, "%ds: %,d", Math.round((now - start) / 1e9), lag));
                    nextSample += 5_000_000_000L;
                }
                long sleep = start + (tick + 1) * 100_000_000L - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
            double appendSeconds = (System.nanoTime() - start) / 1e9;
            long stopped = System.nanoTime();
            long drainDeadline = stopped + 60_000_000_000L;
            while (seen.get() < appended && System.nanoTime() < drainDeadline) {
                Thread.sleep(50);
            }
            double drainSeconds = (System.nanoTime() - stopped) / 1e9;
            long finalLag = appended - seen.get();
            processor.shutDown();
            stored += appended;
            line("live appends: %,d events in %.1f s (%,.0f/s requested %d/s) on top of %,d; processor lag (events behind) every 5 s: %s",
                    appended, appendSeconds, appended / appendSeconds, APPEND_RATE, stored - appended,
                    String.join(", ", lags));
            line("live appends: max sampled lag %,d events; after the last append %s", maxLag,
                    finalLag == 0 ? String.format(Locale.ROOT, "caught up in %.2f s", drainSeconds)
                            : String.format(Locale.ROOT, "still %,d behind after %.0f s", finalLag, drainSeconds));
            if (backend == Backend.INDEXED) {
                assertThat(finalLag).isZero();
            }
        }

        private TrackingEventProcessor processor(String name,
                                                 Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initialToken,
                                                 EventMessageHandler handler) {
            return TrackingEventProcessor.builder()
                    .name(name)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                    .messageSource(eventStore)
                    .tokenStore(tokenStore)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andBatchSize(PROCESSOR_BATCH)
                            .andInitialTrackingToken(initialToken))
                    .build();
        }

        private void section(String format, Object... args) {
            report.append("\n## ").append(String.format(Locale.ROOT, format, args)).append("\n\n");
        }

        private void line(String format, Object... args) {
            String text = String.format(Locale.ROOT, format, args);
            System.out.println("[bench " + backend.key() + "] " + text);
            report.append("- ").append(text).append('\n');
        }
    }

    private static CouponBookTerms terms(String name, int version) {
        return new CouponBookTerms(name + (version == 0 ? "" : " v" + version),
                "Seasonal discount book number " + name + ", one code per customer, redeemable online and in store",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-12-31T00:00:00Z"),
                2 + version, 1, false, "[A-Z0-9]{10}", null, null, null);
    }

    private static CouponBookChanges rename(String name) {
        return new CouponBookChanges(name, null, null, null, null, null, null, null, null, null, null);
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
