package dev.couponbook.command.redis;

import dev.couponbook.messages.error.Unavailable;
import io.lettuce.core.RedisException;
import org.springframework.dao.DataAccessException;

import java.util.function.Supplier;

/** Turns a Redis failure into the domain's {@link Unavailable} refusal, answered as 503. */
public final class RedisGuard {

    private RedisGuard() {
    }

    public static <T> T call(Supplier<T> redisCall) {
        try {
            return redisCall.get();
        } catch (DataAccessException | RedisException e) {
            throw new Unavailable("REDIS_UNAVAILABLE", "the lock and pool store did not answer; retry shortly");
        }
    }

    public static void run(Runnable redisCall) {
        call(() -> {
            redisCall.run();
            return null;
        });
    }
}
