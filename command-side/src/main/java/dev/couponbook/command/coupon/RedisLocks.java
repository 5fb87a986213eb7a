package dev.couponbook.command.coupon;

import dev.couponbook.command.RedisGuard;
import dev.couponbook.command.RedisKeys;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
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

    // Makes ARGV[1] hold the key until at least ARGV[3] (epoch ms), never shortening its own
    // expiry; refused while a lock other than it or this request's own (ARGV[2]) holds the key.
    private static final RedisScript<Long> HOLD = RedisScript.of(
            "local current = redis.call('get', KEYS[1]) "
                    + "if current ~= false and current ~= ARGV[1] and current ~= ARGV[2] then return 0 end "
                    + "if current == ARGV[1] then "
                    + "local ttl = redis.call('pttl', KEYS[1]) local t = redis.call('time') "
                    + "if ttl >= 0 and t[1] * 1000 + math.floor(t[2] / 1000) + ttl >= tonumber(ARGV[3]) then return 1 end "
                    + "end "
                    + "redis.call('set', KEYS[1], ARGV[1]) redis.call('pexpireat', KEYS[1], ARGV[3]) return 1",
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

    /**
     * Makes {@code lockId} hold the code until {@code until} or later, replacing {@code taken}
     * (this request's own lock, or null) or a key that is gone; whether it holds it now.
     */
    public boolean hold(String code, String lockId, String taken, Instant until) {
        Long held = RedisGuard.call(() -> redis.execute(HOLD, List.of(keys.lock(code)), lockId,
                taken == null ? "" : taken, Long.toString(until.toEpochMilli())));
        return held != null && held == 1L;
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
