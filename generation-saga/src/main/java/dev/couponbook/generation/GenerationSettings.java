package dev.couponbook.generation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * How the saga paces a job.
 *
 * @param chunkTimeout   interval between sweeps; a chunk still unrecorded after a whole interval is published again
 * @param publishWindow  how many chunks may wait in the queue or the workers at once, so a job of millions of
 *                       codes never floods the broker and each saga step publishes only a few messages
 * @param maxIdleSweeps  sweeps in a row that re-publish chunks without any chunk being recorded before the job is
 *                       failed as stuck
 */
@Component
public record GenerationSettings(
        @Value("${couponbook.generation.chunk-timeout:30s}") Duration chunkTimeout,
        @Value("${couponbook.generation.publish-window:100}") int publishWindow,
        @Value("${couponbook.generation.max-idle-sweeps:20}") int maxIdleSweeps) {

    /** How many free places in the window are worth a publishing round. */
    int refill() {
        return Math.max(1, publishWindow / 4);
    }
}
