package dev.couponbook.server.couponbook;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The same slice on embedded Redis and AMQP even where local servers run, as on a fresh laptop. */
@TestPropertySource(properties = "couponbook.infrastructure.prefer-local-services=false")
class CouponBookSliceOnEmbeddedServicesTest extends CouponBookSliceTest {

    @Value("${spring.data.redis.url}")
    String redisUrl;

    @Value("${spring.rabbitmq.addresses}")
    String amqpUrl;

    @Test
    void canUseEmbeddedServers() {
        assertThat(redisUrl).doesNotEndWith(":6379");
        assertThat(amqpUrl).doesNotEndWith(":5672");
    }
}
