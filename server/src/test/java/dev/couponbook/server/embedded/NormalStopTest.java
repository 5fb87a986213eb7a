package dev.couponbook.server.embedded;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service on the embedded default stopped as an operator stops it (SIGTERM: Ctrl-C, docker stop, Kubernetes) logs no
 * ERROR. Qpid's own shutdown hook used to close the broker while the application still used it, so every stop logged
 * "No Engine available" and "Task executor Broker-Config is not in ACTIVE state".
 */
class NormalStopTest {

    @TempDir
    Path dataDir;

    @Test
    void cannotLogAnErrorWhenStoppedNormally() throws Exception {
        int port = freePort();
        Path log = dataDir.resolve("server.log");
        Process server = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"),
                CouponBookServer.class.getName(),
                "--server.port=" + port,
                "--couponbook.embedded.data-dir=" + dataDir.resolve("data"),
                "--couponbook.namespace-per-run=true")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitReady(server, new ApiClient(port), log);
        } finally {
            server.destroy();
        }
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("the embedded broker was used").anyMatch(line -> line.contains("AMQP: embedded Qpid"));
        assertThat(lines).as("the service stopped in order").anyMatch(line -> line.contains("Graceful shutdown complete"));
        assertThat(lines).filteredOn(line -> line.contains(" ERROR ")).isEmpty();
        assertThat(lines).filteredOn(line -> line.contains("Destruction of bean")).isEmpty();
    }

    private static void awaitReady(Process server, ApiClient api, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("server process is running; see " + log).isTrue();
            try {
                if (api.get("/actuator/health/readiness", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("server did not become ready; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
