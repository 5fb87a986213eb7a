package dev.couponbook.generation;

import java.util.List;

/** Hands chunk orders to the workers; the saga depends on this, not on the broker. */
public interface ChunkPublisher {

    /** Returns once every order is durably queued; throws (an {@code AmqpException}) when that cannot be confirmed. */
    void publish(List<ChunkOrder> orders);
}
