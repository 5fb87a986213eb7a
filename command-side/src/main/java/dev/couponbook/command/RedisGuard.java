package dev.couponbook.command;

import io.lettuce.core.RedisException;
import org.springframework.dao.DataAccessException;

import java.util.function.Supplier;

/** Turns a Redis failure into the domain's {@link RedisUnavailable} refusal. */
public final class RedisGuard {

    private RedisGuard() {
    }

    public static <T> T call(Supplier<T> redisCall) {
        try {
            return redisCall.get();
        } catch (DataAccessException | RedisException e) {
            throw new RedisUnavailable();
        }
    }

    public static void run(Runnable redisCall) {
        call(() -> {
            redisCall.run();
            return null;
        });
    }
}
