package dev.couponbook.command.pool;

import dev.couponbook.command.RedisGuard;
import dev.couponbook.command.RedisKeys;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The codes of each book that are still free, as a Redis set per book: {@code SPOP} picks one at
 * random in constant time however large the book. The pool is only a fast path: an entry can be
 * stale (already assigned), and the coupon aggregate refuses a second assignment.
 */
@Component
public class CodePool implements FreeCodes {

    private static final int ADD_CHUNK = 1_000;

    private final StringRedisTemplate redis;
    private final RedisKeys keys;

    public CodePool(StringRedisTemplate redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public String take(String bookId) {
        return RedisGuard.call(() -> redis.opsForSet().pop(keys.pool(bookId)));
    }

    /** Puts codes into the book's pool, in chunks so no single command carries a whole upload. */
    public void add(String bookId, List<String> codes) {
        String key = keys.pool(bookId);
        RedisGuard.run(() -> {
            for (int from = 0; from < codes.size(); from += ADD_CHUNK) {
                List<String> chunk = codes.subList(from, Math.min(codes.size(), from + ADD_CHUNK));
                redis.opsForSet().add(key, chunk.toArray(String[]::new));
            }
        });
    }

    @Override
    public void putBack(String bookId, String code) {
        RedisGuard.run(() -> redis.opsForSet().add(keys.pool(bookId), code));
    }

    public void remove(String bookId, String code) {
        RedisGuard.run(() -> redis.opsForSet().remove(keys.pool(bookId), code));
    }

    /**
     * Whether the pools cannot be trusted to follow the history yet (being rebuilt on some
     * instance, or lost and not yet noticed), so that an empty pool means "not refilled yet"
     * rather than "no code left".
     */
    @Override
    public boolean rebuilding() {
        return !CodePoolRebuilder.READY.equals(RedisGuard.call(() -> redis.opsForValue().get(keys.poolMarker())));
    }

    public long size(String bookId) {
        Long size = RedisGuard.call(() -> redis.opsForSet().size(keys.pool(bookId)));
        return size == null ? 0 : size;
    }

    /** Hands every code in the book's pool to {@code sink}, scanning the set in steps so a large pool never blocks Redis. */
    public void forEach(String bookId, Consumer<String> sink) {
        RedisGuard.run(() -> {
            try (Cursor<String> cursor = redis.opsForSet().scan(keys.pool(bookId), ScanOptions.scanOptions().count(1_000).build())) {
                cursor.forEachRemaining(sink);
            }
        });
    }

    /** Drops every book's pool, before they are rebuilt from the event history. */
    void clear() {
        List<String> pools = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(keys.allPools()).count(1_000).build())) {
            cursor.forEachRemaining(pools::add);
        }
        if (!pools.isEmpty()) {
            redis.unlink(pools);
        }
    }
}
