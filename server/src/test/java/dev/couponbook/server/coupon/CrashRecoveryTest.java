package dev.couponbook.server.coupon;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server process is killed with SIGKILL in the middle of a burst of assignments and started
 * again on the same data: every assignment that was answered 2xx is still there, and nothing
 * that was refused or never answered shows up beyond what the lost answers allow.
 */
class CrashRecoveryTest {

    private static final String DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef";
    private static final int CODES = 300;

    @TempDir
    Path dataDir;

    private Process server;

    /** One assignment attempt: the user, and the code if it was answered 201, or why not. */
    private record Attempt(String userToken, int status, String code) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void canKeepEveryAcknowledgedAssignmentAcrossAKill() throws Exception {
        int port = freePort();
        server = start(port);
        CouponApi coupons = client(port);
        String bookId = coupons.bookWith(CouponApi.freshCodes(CODES), Map.of("name", "Crash"));

        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            load.submit(() -> {
                while (running.get()) {
                    String user = coupons.newUser();
                    try {
                        ApiClient.Response response = coupons.assign(bookId, user);
                        attempts.add(new Attempt(user, response.status(),
                                response.status() == 201 ? response.json().get("code").asText() : null));
                    } catch (RuntimeException e) {
                        attempts.add(new Attempt(user, -1, null));
                    }
                }
            });
        }
        Instant deadline = Instant.now().plusSeconds(30);
        while (attempts.stream().filter(a -> a.status() == 201).count() < 60 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        running.set(false);
        load.shutdown();
        assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        List<Attempt> acknowledged = attempts.stream().filter(a -> a.status() == 201).toList();
        long unanswered = attempts.stream().filter(a -> a.status() == -1).count();
        assertThat(acknowledged).as("the kill came in the middle of the load").hasSizeGreaterThanOrEqualTo(60);
        assertThat(acknowledged.size()).isLessThan(CODES);

        server = start(port);
        CouponApi after = client(port);
        for (Attempt held : acknowledged) {
            ApiClient.Response lock = after.lock(held.code(), held.userToken(), null);
            assertThat(lock.status()).as("acknowledged assignment of " + held.code() + " survived").isEqualTo(200);
        }
        int assignedAfterRestart = 0;
        Instant refillDeadline = Instant.now().plusSeconds(60);
        while (true) {
            ApiClient.Response next = after.assign(bookId, after.newUser());
            if (next.status() == 201) {
                assignedAfterRestart++;
            } else if ("POOL_REBUILDING".equals(next.problemCode()) && Instant.now().isBefore(refillDeadline)) {
                Thread.sleep(200);
            } else {
                assertThat(next.problemCode()).isEqualTo("NO_CODES_AVAILABLE");
                break;
            }
        }
        long assignedBeforeKill = CODES - assignedAfterRestart;
        assertThat(assignedBeforeKill).as("assigned before the kill: the acknowledged ones, plus at most the unanswered")
                .isBetween((long) acknowledged.size(), acknowledged.size() + unanswered);
    }

    private Process start(int port) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"),
                CouponBookServer.class.getName(),
                "--server.port=" + port,
                "--couponbook.embedded.data-dir=" + dataDir,
                "--couponbook.namespace=crash",
                "--couponbook.rate-limit.coupon-actions-per-user-per-minute=0",
                "--couponbook.rate-limit.coupon-actions-per-ip-per-minute=0",
                "--couponbook.rate-limit.logins-per-ip-per-minute=0",
                "--logging.level.root=WARN"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("server-" + UUID.randomUUID() + ".log").toFile())
                .start();
        ApiClient api = new ApiClient(port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("server process is running; see logs in " + dataDir).isTrue();
            try {
                if (api.get("/actuator/health/readiness", null).status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("server did not become ready; see " + dataDir + File.separator);
    }

    private static CouponApi client(int port) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(DEV_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        return new CouponApi(new ApiClient(port), encoder);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
