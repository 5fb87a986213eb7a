package dev.couponbook.command.coupon;

import dev.couponbook.command.RedisGuard;
import dev.couponbook.command.RedisKeys;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Coupon locks in Redis: {@code SET key lockId NX PX ttl} takes a lock only when nobody holds
 * it, and a lock is released only by a compare-and-delete script given its own lock id, so no
 * caller can ever release someone else's lock, not even on its error path.
 */
@Component
public class RedisLocks {

    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    public RedisLocks(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Whether the lock was taken for {@code lockId}. */
    public boolean acquire(String code, String lockId, Duration ttl) {
        return Boolean.TRUE.equals(RedisGuard.call(() -> redis.opsForValue().setIfAbsent(keys.lock(code), lockId, ttl)));
    }

    /** Releases the lock if, and only if, {@code lockId} still holds it. */
    public boolean release(String code, String lockId) {
        Long deleted = RedisGuard.call(() -> redis.execute(RELEASE, List.of(keys.lock(code)), lockId));
        return deleted != null && deleted == 1L;
    }

    /** The lock id holding the code, or null when it is not locked. */
    public String holder(String code) {
        return RedisGuard.call(() -> redis.opsForValue().get(keys.lock(code)));
    }
}
