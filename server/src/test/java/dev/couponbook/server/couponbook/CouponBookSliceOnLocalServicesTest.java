package dev.couponbook.server.couponbook;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The same slice against the Redis and RabbitMQ servers on this machine, where they run (CI has them). */
@TestPropertySource(properties = "couponbook.infrastructure.prefer-local-services=true")
class CouponBookSliceOnLocalServicesTest extends CouponBookSliceTest {

    @Value("${spring.data.redis.url}")
    String redisUrl;

    @Value("${spring.rabbitmq.addresses}")
    String amqpUrl;

    @BeforeAll
    static void requireLocalServices() {
        assumeTrue(listening(6379) && listening(5672), "no Redis and RabbitMQ on 127.0.0.1");
    }

    @Test
    void canUseTheLocalServers() {
        assertThat(redisUrl).isEqualTo("redis://127.0.0.1:6379");
        assertThat(amqpUrl).endsWith("@127.0.0.1:5672");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
