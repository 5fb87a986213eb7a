package dev.couponbook.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The persistent embedded store over the wire: the server runs in a child JVM (-Xmx512m) on whatever
 * EmbeddedMongoServer the server classpath holds, so the old H2 backend and the RocksDB one run the same client
 * code; CPU per operation is the child's user + system time (/proc) over the operations, so it includes GC and the
 * store's background threads but not the client. See README.md.
 *
 * <pre>
 * java -cp CLIENT_CP StoreBenchmark.java --label NAME --server-cp SERVER_CP [--codes N] [--seconds S] [--open-docs N]
 * </pre>
 */
public final class StoreBenchmark {

    private static final String BOOK = "6f1c2a4e-8d3b-4c1a-9e7f-0b2d4c6e8a10";

    private final String label;
    private final String serverClasspath;
    private final List<String> rows = new ArrayList<>();

    private StoreBenchmark(String label, String serverClasspath) {
        this.label = label;
        this.serverClasspath = serverClasspath;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(Path.of(args[1]));
            return;
        }
        String label = option(args, "--label", "new");
        String serverClasspath = option(args, "--server-cp", System.getProperty("java.class.path"));
        int codes = Integer.parseInt(option(args, "--codes", "200000"));
        int seconds = Integer.parseInt(option(args, "--seconds", "10"));
        int openDocs = Integer.parseInt(option(args, "--open-docs", "0"));
        StoreBenchmark benchmark = new StoreBenchmark(label, serverClasspath);
        if (openDocs > 0) {
            benchmark.openTime(openDocs);
        } else {
            benchmark.run(codes, seconds);
        }
        System.out.println();
        System.out.println("| store | operation | threads | ops | ops/s | median µs | server CPU µs/op |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        benchmark.rows.forEach(System.out::println);
    }

    private void run(int codes, int seconds) throws Exception {
        Path directory = Files.createTempDirectory("store-bench");
        try (Server server = new Server(directory)) {
            MongoCollection<Document> registry = server.collection("codes");
            registry.createIndex(Indexes.ascending("bookId", "batchId"));
            bulk(server, registry, codes, "insertMany 1000 (code registry)");
        }
        long bytes = sizeOf(directory);
        rows.add(String.format(Locale.ROOT, "| %s | bytes on disk per code (%,d codes, after clean close) | | | %.0f | | |",
            label, codes, bytes / (double) codes));
        try (Server server = new Server(directory)) {
            rows.add(String.format(Locale.ROOT, "| %s | open (%,d codes) | | | | %d ms | |", label, codes, server.openMillis));
            MongoCollection<Document> registry = server.collection("codes");
            MongoCollection<Document> events = server.collection("events");
            events.createIndex(Indexes.ascending("timestamp", "sequenceNumber"));
            bulk(server, events, 100_000, "insertMany 1000 (events, for the poll)");
            AtomicLong next = new AtomicLong();
            for (int threads : new int[] {16, 64}) {
                measure(server, "insertOne (code registry doc)", threads, seconds, () -> {
                    long n = next.incrementAndGet();
                    registry.insertOne(code("new-" + n, n));
                });
            }
            for (int threads : new int[] {16, 64}) {
                measure(server, "updateOne by _id ($set)", threads, seconds, () ->
                    registry.updateOne(Filters.eq("_id", codeId(ThreadLocalRandom.current().nextInt(codes))),
                        Updates.set("status", "held-" + ThreadLocalRandom.current().nextInt(1000))));
            }
            for (int threads : new int[] {16, 64}) {
                measure(server, "find by _id", threads, seconds, () ->
                    registry.find(Filters.eq("_id", codeId(ThreadLocalRandom.current().nextInt(codes)))).first());
            }
            // readers beside 48 writers that wait for fsyncs: a waiting write must not hold up the connections around it
            Thread writers = new Thread(() -> {
                try {
                    run(48, seconds + 2, () -> {
                        long n = next.incrementAndGet();
                        registry.insertOne(code("mixed-" + n, n));
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            writers.start();
            measure(server, "find by _id beside 48 inserting threads (CPU incl. the inserts)", 16, seconds, () ->
                registry.find(Filters.eq("_id", codeId(ThreadLocalRandom.current().nextInt(codes)))).first());
            writers.join();
            measure(server, "sorted range poll (ts >= t, sort ts, limit 100)", 16, seconds, () ->
                events.find(Filters.gte("timestamp", timestamp(ThreadLocalRandom.current().nextInt(100_000))))
                    .sort(Sorts.ascending("timestamp", "sequenceNumber")).limit(100).into(new ArrayList<>()));
        } finally {
            deleteRecursively(directory);
        }
    }

    private void openTime(int documents) throws Exception {
        Path directory = Files.createTempDirectory("store-bench-open");
        try {
            try (Server server = new Server(directory)) {
                MongoCollection<Document> registry = server.collection("codes");
                registry.createIndex(Indexes.ascending("bookId", "batchId"));
                bulk(server, registry, documents, "insertMany 1000 (code registry)");
            }
            long bytes = sizeOf(directory);
            try (Server server = new Server(directory)) {
                rows.add(String.format(Locale.ROOT, "| %s | open (%,d documents, %,d MB on disk) | | | | %d ms | |",
                    label, documents, bytes >> 20, server.openMillis));
                // the connection is set up first, so the time is the store's: a cold cache, no index rebuilt
                server.client.getDatabase("bench").runCommand(new Document("ping", 1));
                long start = System.nanoTime();
                server.collection("codes").find(Filters.eq("_id", codeId(documents / 2))).first();
                rows.add(String.format(Locale.ROOT, "| %s | first find by _id after open | 1 | 1 | | %d | |", label,
                    (System.nanoTime() - start) / 1000));
            }
        } finally {
            deleteRecursively(directory);
        }
    }

    private void bulk(Server server, MongoCollection<Document> collection, int count, String operation) {
        long cpuBefore = server.cpuMicros();
        long start = System.nanoTime();
        List<Document> batch = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            batch.add(collection.getNamespace().getCollectionName().equals("events") ? event(i) : code(codeId(i), i));
            if (batch.size() == 1000) {
                collection.insertMany(batch);
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = server.cpuMicros() - cpuBefore;
        rows.add(String.format(Locale.ROOT, "| %s | %s | 1 | %,d | %,.0f docs/s | | %.1f |", label, operation, count,
            count / seconds, cpu / (double) count));
        System.out.printf("%s: %,d in %.1f s%n", operation, count, seconds);
    }

    /** Runs {@code op} on {@code threads} threads for a warm-up of 2 s, then for {@code seconds} measured. */
    private void measure(Server server, String operation, int threads, int seconds, Runnable op) throws Exception {
        run(threads, 2, op);
        long cpuBefore = server.cpuMicros();
        long start = System.nanoTime();
        List<long[]> latencies = run(threads, seconds, op);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = server.cpuMicros() - cpuBefore;
        long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted().toArray();
        long ops = all.length;
        long median = all.length == 0 ? 0 : all[all.length / 2] / 1000;
        rows.add(String.format(Locale.ROOT, "| %s | %s | %d | %,d | %,.0f | %d | %.1f |", label, operation, threads,
            ops, ops / elapsed, median, cpu / (double) ops));
        System.out.printf("%s x%d: %,.0f ops/s, median %d µs, %.1f µs CPU/op%n", operation, threads,
            ops / elapsed, median, cpu / (double) ops);
    }

    private static List<long[]> run(int threads, int seconds, Runnable op) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[500_000];
            latencies.add(mine);
            Thread worker = new Thread(() -> {
                int n = 0;
                while (!stop.get()) {
                    long begin = System.nanoTime();
                    op.run();
                    if (n < mine.length) {
                        mine[n++] = System.nanoTime() - begin;
                    }
                }
                mine[mine.length - 1] = n;
            });
            worker.start();
            workers.add(worker);
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return latencies;
    }

    private static String codeId(long i) {
        return String.format(Locale.ROOT, "CB%012d", i * 7919 % 1_000_000_000_000L);
    }

    private static Document code(String id, long i) {
        return new Document("_id", id).append("bookId", BOOK).append("batchId", "batch-" + i / 10_000);
    }

    private static Document event(int i) {
        return new Document("aggregateIdentifier", "agg-" + i / 10).append("sequenceNumber", (long) (i % 10))
            .append("timestamp", timestamp(i)).append("eventIdentifier", "event-" + i)
            .append("payloadType", "CodeAssigned").append("serializedPayload", "x".repeat(150));
    }

    private static String timestamp(int i) {
        return String.format(Locale.ROOT, "2026-01-01T%08d", i);
    }

    /** The server child: opens the store, reports port and open time, and closes cleanly when stdin ends. */
    private static void serve(Path directory) throws Exception {
        Class<?> type = Class.forName("dev.couponbook.embedded.mongo.EmbeddedMongoServer");
        String durability = System.getProperty("bench.durability", "");
        long start = System.nanoTime();
        AutoCloseable server;
        if (durability.isEmpty()) {
            server = (AutoCloseable) type.getMethod("persistent", Path.class).invoke(null, directory);
        } else {
            // the RocksDB store's setting: fsync (its default) or os
            Class<?> options = Class.forName("dev.couponbook.embedded.mongo.StoreOptions");
            Class<?> durabilities = Class.forName("dev.couponbook.embedded.mongo.StoreOptions$Durability");
            Object chosen = durabilities.getMethod("parse", String.class).invoke(null, durability);
            Object storeOptions = options.getConstructor(durabilities).newInstance(chosen);
            server = (AutoCloseable) type.getMethod("persistent", Path.class, options).invoke(null, directory, storeOptions);
        }
        long openMillis = (System.nanoTime() - start) / 1_000_000;
        int port = (int) type.getMethod("port").invoke(server);
        System.out.println("port " + port + " open " + openMillis);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes stdin
        }
        server.close();
        System.out.println("closed");
    }

    /** A server child process and a client connected to it. */
    private final class Server implements AutoCloseable {
        private final Process process;
        private final MongoClient client;
        private final BufferedReader output;
        private final long openMillis;

        Server(Path directory) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m"));
            // e.g. -Dbench.serverJvmArgs=-XX:StartFlightRecording=filename=server.jfr to profile the server
            String extra = System.getProperty("bench.serverJvmArgs", "");
            if (!extra.isBlank()) {
                command.addAll(List.of(extra.split(" ")));
            }
            command.addAll(List.of("-cp", serverClasspath, "bench/embedded-mongo/StoreBenchmark.java", "serve",
                directory.toString()));
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null && !line.startsWith("port ")) {
                if (!line.contains(" INFO ")) {
                    System.out.println("server: " + line);
                }
            }
            if (line == null) {
                throw new IllegalStateException("server did not start");
            }
            String[] words = line.split(" ");
            openMillis = Long.parseLong(words[3]);
            client = MongoClients.create("mongodb://127.0.0.1:" + words[1] + "/?maxPoolSize=100");
            Thread drain = new Thread(() -> {
                try {
                    String more;
                    while ((more = output.readLine()) != null) {
                        if (more.contains("ERROR") || more.contains("WARN")) {
                            System.out.println("server: " + more);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            drain.setDaemon(true);
            drain.start();
        }

        MongoCollection<Document> collection(String name) {
            return client.getDatabase("bench").getCollection(name);
        }

        /** The child's user + system CPU time so far. */
        long cpuMicros() {
            try {
                String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000L;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws Exception {
            client.close();
            process.getOutputStream().close();
            if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static long sizeOf(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).filter(path -> !path.getFileName().toString().startsWith("LOG"))
                .mapToLong(path -> path.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
