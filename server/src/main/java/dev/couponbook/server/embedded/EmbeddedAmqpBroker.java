package dev.couponbook.server.embedded;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.BrokerImpl;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An in-process AMQP 0-9-1 broker (Apache Qpid Broker-J, memory store) on a free loopback port with guest/guest.
 *
 * <p>Unlike RabbitMQ, Qpid rejects the {@code x-dead-letter-exchange} queue argument, so code that must run against
 * this broker dead-letters by itself rather than through queue arguments.
 *
 * <p>Qpid's operational event log ({@code qpid.message.*}, one INFO line per connection, channel and queue) is
 * switched off unless the JVM was started with {@code -Dqpid.broker_status_updates=true}.
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    private static final String INITIAL_CONFIG = "embedded/qpid-broker.json";
    private static final String STATUS_UPDATES = SystemConfig.PROPERTY_STATUS_UPDATES;

    private final SystemLauncher launcher;
    private final Path workDir;
    private final int port;

    private EmbeddedAmqpBroker(SystemLauncher launcher, Path workDir, int port) {
        this.launcher = launcher;
        this.workDir = workDir;
        this.port = port;
    }

    /** Starts a broker with an empty in-memory virtual host; returns once its AMQP port accepts connections. */
    public static EmbeddedAmqpBroker start() {
        QuietQpidLogging.apply();
        Path workDir;
        try {
            workDir = Files.createTempDirectory("couponbook-qpid-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Qpid work directory", e);
        }
        URL initialConfig = copyToWorkDir(INITIAL_CONFIG, workDir);
        StartupWatch watch = new StartupWatch();
        SystemLauncher launcher = new SystemLauncher(watch);
        try {
            launch(launcher, initialConfig, workDir);
            if (watch.failure != null) {
                throw new IllegalStateException("Qpid broker failed to start", watch.failure);
            }
            int port = boundAmqpPort(watch.systemConfig);
            withdrawQpidShutdownHook(watch.systemConfig);
            return new EmbeddedAmqpBroker(launcher, workDir, port);
        } catch (Exception e) {
            shutDown(launcher, workDir);
            throw e instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("Qpid broker failed to start", e);
        }
    }

    /**
     * Qpid opens its configuration through {@link URL}s; a {@code jar:nested:} URL into a Spring
     * Boot fat jar is not readable from its class loader, so it gets a plain file copy instead.
     */
    private static URL copyToWorkDir(String resource, Path workDir) {
        try (InputStream in = EmbeddedAmqpBroker.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            Path copy = workDir.resolve(Path.of(resource).getFileName().toString());
            Files.copy(in, copy);
            return copy.toUri().toURL();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + resource + " into the Qpid work directory", e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "amqp://guest:guest@127.0.0.1:" + port;
    }

    @Override
    public void close() {
        shutDown(launcher, workDir);
    }

    /** Synchronized because the status-updates switch is a JVM-wide property that Qpid reads once per startup. */
    private static synchronized void launch(SystemLauncher launcher, URL initialConfig, Path workDir) throws Exception {
        boolean switchedOff = System.getProperties().putIfAbsent(STATUS_UPDATES, "false") == null;
        try {
            launcher.startup(Map.of(
                    SystemConfig.TYPE, "Memory",
                    SystemConfig.INITIAL_CONFIGURATION_LOCATION, initialConfig.toExternalForm(),
                    // Qpid's default is a classpath: URL, whose handler is missing inside a Spring Boot fat jar.
                    SystemConfig.INITIAL_SYSTEM_PROPERTIES_LOCATION,
                    Files.writeString(workDir.resolve("system.properties"), "").toUri().toString(),
                    // Qpid would otherwise print its startup banner straight to System.out, bypassing the app's logging.
                    SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false,
                    // The default, ${user.dir}/work, would litter whatever directory the app was started from.
                    SystemConfig.CONTEXT, Map.of(SystemConfig.QPID_WORK_DIR, workDir.toString())));
        } finally {
            if (switchedOff) {
                System.clearProperty(STATUS_UPDATES);
            }
        }
    }

    private static int boundAmqpPort(SystemConfig<?> systemConfig) {
        Broker<?> broker = systemConfig == null ? null : systemConfig.getContainer(Broker.class);
        if (broker == null) {
            throw new IllegalStateException("Qpid started without a broker");
        }
        return broker.getChildren(Port.class).stream()
                .filter(AmqpPort.class::isInstance)
                .filter(amqp -> amqp.getState() == State.ACTIVE && amqp.getBoundPort() > 0)
                .mapToInt(Port::getBoundPort)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("Qpid's AMQP port did not bind"));
    }

    /**
     * Qpid's broker registers a JVM shutdown hook of its own that closes it. On SIGTERM that hook runs beside the
     * application's, so the broker went away while the application still used it (a reconnect logged "No Engine
     * available") and the application's orderly close then failed with "Task executor Broker-Config is not in ACTIVE
     * state", both as ERRORs. The owner of this broker closes it, after everything that uses it; Qpid offers no
     * setting for the hook, hence the reflection.
     */
    private static void withdrawQpidShutdownHook(SystemConfig<?> systemConfig) {
        Broker<?> broker = systemConfig.getContainer(Broker.class);
        try {
            Field hook = BrokerImpl.class.getDeclaredField("_shutdownHook");
            hook.setAccessible(true);
            Runtime.getRuntime().removeShutdownHook((Thread) hook.get(broker));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot withdraw Qpid's shutdown hook (has Qpid's BrokerImpl changed?)", e);
        }
    }

    private static void shutDown(SystemLauncher launcher, Path workDir) {
        try {
            launcher.shutdown();
        } finally {
            try (Stream<Path> tree = Files.walk(workDir)) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // A leftover temp directory must not turn a clean shutdown into a failure.
            }
        }
    }

    /** SystemLauncher swallows startup exceptions, so this keeps them, and the config needed to find the bound port. */
    private static final class StartupWatch extends SystemLauncherListener.DefaultSystemLauncherListener {
        private volatile RuntimeException failure;
        private volatile SystemConfig<?> systemConfig;

        @Override
        public void errorOnStartup(RuntimeException e) {
            failure = e;
        }

        @Override
        public void onContainerResolve(SystemConfig<?> config) {
            systemConfig = config;
        }
    }
}
