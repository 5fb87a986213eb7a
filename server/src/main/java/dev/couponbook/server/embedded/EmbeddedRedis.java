package dev.couponbook.server.embedded;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;
import redis.embedded.model.OsArchitecture;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

/** A throwaway, non-persistent redis-server child process on a free loopback port, for the embedded default and tests. */
public final class EmbeddedRedis implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Path BASE_DIR = Path.of(System.getProperty("java.io.tmpdir"),
            "couponbook-embedded-redis-" + System.getProperty("user.name"));
    private static final Pattern OWNED_ENTRY = Pattern.compile("(?:run|unpack)-(\\d+)-.*");
    private static final boolean WINDOWS = System.getProperty("os.name").startsWith("Windows");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int PORT_ATTEMPTS = 3;

    /*
     * Java cannot give a child a parent-death signal, so sh does it between fork and exec: a background reader
     * blocks on the stdin pipe whose only writer is this JVM. The kernel closes that pipe however the JVM ends,
     * SIGKILL included, and the reader then SIGTERMs $$, which is redis because exec keeps the shell's pid.
     */
    private static final String PARENT_DEATH_WATCH =
            "exec 3<&0; (read -r line <&3; kill \"$$\") & exec \"$0\" \"$@\" </dev/null 3<&-";

    private final Process process;
    private final int port;
    private final Path runDir;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread shutdownHook = new Thread(this::stop, "embedded-redis-shutdown");

    private EmbeddedRedis(Process process, int port, Path runDir) {
        this.process = process;
        this.port = port;
        this.runDir = runDir;
        // Without it, a JVM exiting without close() leaves its run dir and may return before redis frees the port.
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts redis-server from the PATH if there is one, else the binary bundled with embedded-redis. */
    public static EmbeddedRedis start() {
        return start(redisServerOnPath().orElseGet(EmbeddedRedis::bundledExecutable));
    }

    static EmbeddedRedis start(Path executable) {
        sweepLeftoversOfDeadJvms();
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            Optional<EmbeddedRedis> redis = launch(executable, freePort());
            if (redis.isPresent()) {
                return redis.get();
            }
        }
        throw new IllegalStateException("redis-server lost the race for a free port " + PORT_ATTEMPTS + " times");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // The hook is running or about to run stop() itself.
        }
        stop();
    }

    private static Optional<Path> redisServerOnPath() {
        String name = WINDOWS ? "redis-server.exe" : "redis-server";
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }

    /** Unpacks once per version into a per-user cache; the atomic rename keeps other JVMs from running a half-written file. */
    static Path bundledExecutable() {
        String resource = ExecutableProvider.newProvidedVersionsMap().get(OsArchitecture.detectOSandArchitecture());
        if (resource == null) {
            throw new IllegalStateException("No redis-server on the PATH and none bundled for this platform");
        }
        Path target = BASE_DIR.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream binary = RedisServer.class.getResourceAsStream(resource)) {
            if (binary == null) {
                throw new IllegalStateException("embedded-redis does not contain " + resource);
            }
            Files.createDirectories(BASE_DIR);
            Path partial = Files.createTempFile(BASE_DIR, ownedPrefix("unpack"), "");
            Files.copy(binary, partial, REPLACE_EXISTING);
            if (!partial.toFile().setExecutable(true, true)) {
                throw new IOException("Cannot make " + partial + " executable");
            }
            Files.move(partial, target, ATOMIC_MOVE, REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the bundled redis-server", e);
        }
    }

    /** Empty when redis lost the port to another process between our probe and its bind, so the caller may retry. */
    private static Optional<EmbeddedRedis> launch(Path executable, int port) {
        Path runDir;
        Process process;
        try {
            Files.createDirectories(BASE_DIR);
            runDir = Files.createTempDirectory(BASE_DIR, ownedPrefix("run"));
            process = new ProcessBuilder(command(executable, port, runDir))
                    .directory(runDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + executable, e);
        }
        EmbeddedRedis redis = new EmbeddedRedis(process, port, runDir);
        boolean ready;
        try {
            ready = redis.awaitReady();
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        if (ready) {
            return Optional.of(redis);
        }
        String log = readQuietly(runDir.resolve("redis.log"));
        redis.close();
        if (log.contains("Address already in use")) {
            return Optional.empty();
        }
        throw new IllegalStateException("redis-server " + executable + " did not become ready on port " + port
                + " within " + STARTUP_TIMEOUT.toSeconds() + " s; its output:\n" + log);
    }

    private static List<String> command(Path executable, int port, Path runDir) {
        List<String> command = new ArrayList<>();
        if (!WINDOWS) {
            command.addAll(List.of("/bin/sh", "-c", PARENT_DEATH_WATCH));
        }
        command.add(executable.toString());
        command.addAll(List.of(
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", runDir.toString(),
                "--loglevel", "warning"));
        return command;
    }

    /** PING proves it answers; INFO's process_id proves the answer comes from our child, not a squatter on the port. */
    private boolean awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (answersPingAsItself()) {
                return true;
            }
            sleep(Duration.ofMillis(20));
        }
        return false;
    }

    private boolean answersPingAsItself() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            socket.setSoTimeout(1000);
            socket.getOutputStream().write("PING\r\nINFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            if (!"+PONG".equals(readLine(in))) {
                return false;
            }
            String header = readLine(in);
            if (!header.startsWith("$")) {
                return false;
            }
            String info = new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.US_ASCII);
            Matcher pid = Pattern.compile("process_id:(\\d+)").matcher(info);
            return pid.find() && Long.parseLong(pid.group(1)) == process.pid();
        } catch (IOException | NumberFormatException notReadyYet) {
            return false;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("Connection closed mid-reply");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        try {
            // Wakes the watcher, which SIGTERMs redis; destroy() covers Windows, where there is no watcher.
            process.getOutputStream().close();
        } catch (IOException alreadyClosed) {
            // The process is gone already.
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(runDir);
    }

    /** Run dirs and half-unpacked binaries of a JVM that died without cleaning up are named after its pid. */
    private static void sweepLeftoversOfDeadJvms() {
        if (!Files.isDirectory(BASE_DIR)) {
            return;
        }
        try (Stream<Path> entries = Files.list(BASE_DIR)) {
            entries.filter(entry -> {
                Matcher owner = OWNED_ENTRY.matcher(entry.getFileName().toString());
                return owner.matches() && ProcessHandle.of(Long.parseLong(owner.group(1))).isEmpty();
            }).forEach(EmbeddedRedis::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // Leftovers are only disk clutter; never fail a start over them.
        }
    }

    private static String ownedPrefix(String kind) {
        return kind + "-" + ProcessHandle.current().pid() + "-";
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void deleteQuietly(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Another JVM may be sweeping the same leftovers.
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for redis-server", e);
        }
    }
}
