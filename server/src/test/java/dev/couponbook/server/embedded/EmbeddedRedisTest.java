package dev.couponbook.server.embedded;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedRedisTest {

    @Test
    void servesCommandsAndLuaThenFreesItsPortOnClose() {
        int port;
        try (EmbeddedRedis redis = EmbeddedRedis.start()) {
            port = redis.port();
            assertThat(redis.url()).isEqualTo("redis://127.0.0.1:" + port);

            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> commands = connection.sync();
                assertThat(commands.set("coupon:1", "issued")).isEqualTo("OK");
                assertThat(commands.get("coupon:1")).isEqualTo("issued");

                Long redeemed = commands.eval(
                        "if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0",
                        ScriptOutputType.INTEGER, new String[] {"coupon:1"}, "issued", "redeemed");
                assertThat(redeemed).isEqualTo(1L);
                assertThat(commands.get("coupon:1")).isEqualTo("redeemed");
                assertThat(commands.configGet("save")).containsEntry("save", "");
                assertThat(commands.configGet("appendonly")).containsEntry("appendonly", "no");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
        assertThatThrownBy(() -> connect(port)).isInstanceOf(ConnectException.class);
    }

    @Test
    void bundledBinaryRunsWhenThereIsNoRedisOnThePath() throws IOException {
        Path executable = EmbeddedRedis.bundledExecutable();
        assertThat(executable).isExecutable();
        assertThat(EmbeddedRedis.bundledExecutable()).as("unpacked once, then reused").isEqualTo(executable);

        try (EmbeddedRedis redis = EmbeddedRedis.start(executable)) {
            RedisClient client = RedisClient.create(redis.url());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
                assertThat(connection.sync().info("server")).contains("redis_version:6.2");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void twoInstancesGetDifferentPorts() {
        try (EmbeddedRedis first = EmbeddedRedis.start(); EmbeddedRedis second = EmbeddedRedis.start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
        }
    }

    @Test
    void redisDiesWithAHardKilledJvm() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process owner = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HardKilledOwner.class.getName(), EmbeddedRedis.bundledExecutable().toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String portLine = null;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    portLine = line;
                    break;
                }
            }
            assertThat(portLine).as("child JVM reported a running redis").isNotNull();
            int port = Integer.parseInt(portLine.substring("PORT ".length()));
            connect(port);

            owner.destroyForcibly();
            assertThat(owner.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(awaitRefused(port, Duration.ofSeconds(10))).as("orphaned redis stopped listening").isTrue();
        } finally {
            owner.destroyForcibly();
        }
    }

    /** Stands in for an application JVM that gets SIGKILLed while it owns an embedded redis. */
    static final class HardKilledOwner {
        public static void main(String[] args) throws Exception {
            EmbeddedRedis redis = EmbeddedRedis.start(Path.of(args[0]));
            System.out.println("PORT " + redis.port());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }

    private static boolean awaitRefused(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                connect(port);
            } catch (IOException refused) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
