package dev.couponbook.command;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

/**
 * Redis did not answer. A type of its own so that a caller for whom Redis is only a fast path
 * (putting a code back, releasing a lock) catches exactly this and no other refusal.
 */
public final class RedisUnavailable extends DomainException {

    RedisUnavailable() {
        super(Refusal.REDIS_UNAVAILABLE);
    }
}
