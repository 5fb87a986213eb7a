package dev.couponbook.server.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Budgets per minute with bucket4j on Redis, so every instance spends from the same ones. If
 * Redis cannot be reached the request goes through: the limits protect capacity, and the coupon
 * invariants do not depend on them.
 */
public class RateLimits implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final String namespace;
    private final LettuceConnectionFactory redis;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;

    public RateLimits(String namespace, LettuceConnectionFactory redis) {
        this.namespace = namespace;
        this.redis = redis;
    }

    /** Spends one request of budget {@code key}; throws {@link RateLimited} when it is used up. A budget of 0 is no limit. */
    public void spend(String key, int perMinute) {
        if (perMinute <= 0) {
            return;
        }
        long retryAfterSeconds = tryConsume(key, perMinute);
        if (retryAfterSeconds > 0) {
            throw new RateLimited(retryAfterSeconds);
        }
    }

    /** Seconds until the budget allows one more request, or 0 when this request may go through. */
    private long tryConsume(String key, int perMinute) {
        try {
            Supplier<BucketConfiguration> configuration = () -> BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                    .build();
            ConsumptionProbe probe = buckets().builder()
                    .build(namespace + ":ratelimit:" + key, configuration)
                    .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        } catch (RuntimeException e) {
            log.warn("Rate limit not checked, Redis unavailable: {}", e.toString());
            return 0;
        }
    }

    private ProxyManager<String> buckets() {
        ProxyManager<String> current = buckets;
        if (current == null) {
            synchronized (this) {
                if (buckets == null) {
                    connection = ((RedisClient) redis.getNativeClient())
                            .connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    buckets = Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                            .build();
                }
                current = buckets;
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.close();
        }
    }

    /** Over budget: answered 429 with {@code Retry-After}. */
    public static class RateLimited extends RuntimeException {
        private final long retryAfterSeconds;

        RateLimited(long retryAfterSeconds) {
            super("too many requests; retry after " + retryAfterSeconds + " s", null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
