package dev.couponbook.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import org.bson.Document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Axon-shaped event store operations through the MongoDB driver, on plain mongo-java-server ("before") and on
 * EmbeddedMongoServer ("after"), at several collection sizes. Run as a single-file program; see README.md.
 */
public final class EventStoreBenchmark {

    private static final int EVENTS_PER_AGGREGATE = 10;
    private static final int TRANSACTIONS_PER_USER = 100;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final DateTimeFormatter AXON_TIMESTAMP =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String PAYLOAD =
        "<CouponIssued><couponId>c-000001</couponId><bookId>b-000001</bookId><value>100</value></CouponIssued>"
            .repeat(3).substring(0, 200);

    // "before" scans the whole collection per query, so its repetitions stop at this budget per operation
    private static final long BEFORE_BUDGET_NANOS = 20_000_000_000L;

    private final List<String> rows = new ArrayList<>();

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[] {1_000, 100_000, 1_000_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        EventStoreBenchmark benchmark = new EventStoreBenchmark();
        for (int size : sizes) {
            benchmark.run(size, false);
            benchmark.run(size, true);
        }
        System.out.println();
        System.out.println("| events | backend | operation | reps | median ms | p99 ms |");
        System.out.println("|---:|---|---|---:|---:|---:|");
        benchmark.rows.forEach(System.out::println);
    }

    private void run(int size, boolean after) {
        String variant = after ? "after" : "before";
        System.out.printf("%n== %,d events, %s ==%n", size, variant);
        System.gc();
        MongoServer plainServer = null;
        EmbeddedMongoServer embedded = null;
        String connectionString;
        if (after) {
            embedded = EmbeddedMongoServer.inMemory();
            connectionString = embedded.connectionString("bench");
        } else {
            plainServer = new MongoServer(new MemoryBackend());
            connectionString = "mongodb://127.0.0.1:" + plainServer.bind().getPort() + "/bench";
        }
        try (MongoClient client = MongoClients.create(connectionString)) {
            MongoCollection<Document> events = client.getDatabase("bench").getCollection("domainevents");
            MongoCollection<Document> transactions = client.getDatabase("bench").getCollection("transactions");
            long loadStart = System.nanoTime();
            load(events, transactions, size);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            System.out.printf("loaded %,d events + %,d transactions in %.1f s%n", size, size, loadSeconds);
            rows.add(String.format(Locale.ROOT, "| %,d | %s | bulk load (insertMany 1000, events + transactions) | 1 | %.0f | |",
                size, variant, loadSeconds * 1000));

            Random random = new Random(42);
            int aggregates = size / EVENTS_PER_AGGREGATE;
            int users = Math.max(1, size / TRANSACTIONS_PER_USER);
            int[] appended = {0};
            List<String> known = List.of("event-1", "event-2", "event-3", "event-4", "event-5");

            measure(size, variant, after, "aggregate load (aggId = X, seq >= 0, sort seq)", 1000, i -> {
                String aggregate = "aggregate-" + random.nextInt(aggregates);
                events.find(Filters.and(Filters.eq("aggregateIdentifier", aggregate), Filters.gte("sequenceNumber", 0L)))
                    .sort(Sorts.ascending("sequenceNumber")).into(new ArrayList<>());
            });
            measure(size, variant, after, "event append (insertMany of 1)", 1000, i -> {
                int n = size + appended[0]++;
                events.insertMany(List.of(event(n, "appended-" + n, 0)));
            });
            measure(size, variant, after, "tracking poll, start (find().sort(ts, seq).limit(100))", 300, i ->
                events.find().sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(100).into(new ArrayList<>()));
            measure(size, variant, after, "tracking poll, middle (ts >= t, $nin 5, sort, limit 100)", 300, i ->
                poll(events, timestamp(size / 2), known));
            measure(size, variant, after, "tracking poll, tail (ts >= t, $nin 5, sort, limit 100)", 300, i ->
                poll(events, timestamp(size - 50), known));
            measure(size, variant, after, "read model (userId = U, sort ts desc, limit 20)", 1000, i ->
                transactions.find(Filters.eq("userId", "user-" + random.nextInt(users)))
                    .sort(Sorts.descending("timestamp")).limit(20).into(new ArrayList<>()));
        } finally {
            if (embedded != null) {
                embedded.close();
            }
            if (plainServer != null) {
                plainServer.shutdownNow();
            }
        }
    }

    private static void poll(MongoCollection<Document> events, String from, List<String> known) {
        events.find(Filters.and(Filters.gte("timestamp", from), Filters.nin("eventIdentifier", known)))
            .sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(100).into(new ArrayList<>());
    }

    private static void load(MongoCollection<Document> events, MongoCollection<Document> transactions, int size) {
        // the indexes axon-mongo's DocumentPerEventStorageStrategy creates, and a typical read-model index
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
        transactions.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("timestamp")));

        Random random = new Random(7);
        int users = Math.max(1, size / TRANSACTIONS_PER_USER);
        List<Document> eventBatch = new ArrayList<>(1000);
        List<Document> transactionBatch = new ArrayList<>(1000);
        for (int i = 0; i < size; i++) {
            eventBatch.add(event(i, "aggregate-" + i / EVENTS_PER_AGGREGATE, i % EVENTS_PER_AGGREGATE));
            transactionBatch.add(new Document("userId", "user-" + random.nextInt(users))
                .append("couponId", "coupon-" + i)
                .append("timestamp", Date.from(START.plusMillis(i * 10L)))
                .append("amount", random.nextInt(10_000)));
            if (eventBatch.size() == 1000 || i == size - 1) {
                events.insertMany(eventBatch);
                transactions.insertMany(transactionBatch);
                eventBatch = new ArrayList<>(1000);
                transactionBatch = new ArrayList<>(1000);
            }
        }
    }

    private static Document event(int n, String aggregate, long sequence) {
        return new Document("aggregateIdentifier", aggregate)
            .append("sequenceNumber", sequence)
            .append("type", "Coupon")
            .append("timestamp", timestamp(n))
            .append("eventIdentifier", "event-" + n)
            .append("payloadType", "dev.couponbook.CouponIssued")
            .append("payloadRevision", null)
            .append("serializedPayload", PAYLOAD)
            .append("serializedMetaData", "<meta-data/>");
    }

    private static String timestamp(int n) {
        return AXON_TIMESTAMP.format(START.plusMillis(n * 10L));
    }

    private void measure(int size, String variant, boolean after, String operation, int reps, IntConsumer op) {
        int warmup = after ? Math.min(100, reps / 5) : 1;
        for (int i = 0; i < warmup; i++) {
            op.accept(i);
        }
        long[] samples = new long[reps];
        long budgetStart = System.nanoTime();
        int done = 0;
        while (done < reps) {
            long start = System.nanoTime();
            op.accept(done);
            samples[done++] = System.nanoTime() - start;
            if (!after && done >= 3 && System.nanoTime() - budgetStart > BEFORE_BUDGET_NANOS) {
                break;
            }
        }
        long[] taken = Arrays.copyOf(samples, done);
        Arrays.sort(taken);
        double median = taken[done / 2] / 1e6;
        String p99 = done >= 100 ? String.format(Locale.ROOT, "%.3f", taken[(int) Math.ceil(done * 0.99) - 1] / 1e6) : "";
        System.out.printf(Locale.ROOT, "%-60s reps %5d  median %10.3f ms  p99 %s%n", operation, done, median, p99);
        rows.add(String.format(Locale.ROOT, "| %,d | %s | %s | %d | %.3f | %s |", size, variant, operation, done,
            median, p99));
    }
}
