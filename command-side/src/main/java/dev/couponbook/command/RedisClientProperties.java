package dev.couponbook.command;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How long a Redis call may take ({@code couponbook.redis.*}; the server's address,
 * {@code couponbook.redis.url}, is resolved before the context starts).
 *
 * @param timeout bound on connecting and on every command: past it the request is answered 503
 */
@Validated
@ConfigurationProperties("couponbook.redis")
public record RedisClientProperties(@DurationMin(millis = 1) Duration timeout) {

    public RedisClientProperties {
        timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    }
}
