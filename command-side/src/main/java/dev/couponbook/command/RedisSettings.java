package dev.couponbook.command;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * Bounds every Redis call: locks, the code pool and idempotency keys sit on the request path, so
 * an unreachable Redis must turn into a quick 503, not a request that hangs. Commands sent while
 * disconnected are refused at once instead of being queued until reconnection.
 */
@Configuration(proxyBeanMethods = false)
public class RedisSettings {

    @Bean
    LettuceClientConfigurationBuilderCustomizer boundedRedisCalls(RedisClientProperties settings) {
        Duration timeout = settings.timeout();
        return builder -> builder.commandTimeout(timeout).clientOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }
}
