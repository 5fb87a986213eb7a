package dev.couponbook.generation;

import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the saga paces a job and how the workers run its chunks ({@code couponbook.generation.*};
 * the chunk size and the largest job are the command side's {@code GenerationRequestProperties}).
 *
 * @param chunkTimeout      interval between sweeps; a chunk still unrecorded after a whole interval is published again
 * @param publishWindow     how many chunks may wait in the queue or the workers at once, so a job of millions of
 *                          codes never floods the broker and each saga step publishes only a few messages
 * @param maxIdleSweeps     sweeps in a row that re-publish chunks without any chunk being recorded before the job is
 *                          failed as stuck
 * @param workerConcurrency chunk consumers per worker instance
 * @param workerPrefetch    chunks a consumer holds unacknowledged: few, so a stopped worker strands few
 * @param confirmTimeout    how long a publish waits for the broker's confirm before it counts as failed
 * @param maxAttempts       deliveries of a chunk that fails before it is moved to the dead-letter queue
 */
@Validated
@ConfigurationProperties("couponbook.generation")
public record GenerationSettings(
        @DurationMin(millis = 1) Duration chunkTimeout,
        @Positive Integer publishWindow,
        @Positive Integer maxIdleSweeps,
        @Positive Integer workerConcurrency,
        @Positive Integer workerPrefetch,
        @DurationMin(millis = 1) Duration confirmTimeout,
        @Positive Integer maxAttempts) {

    public GenerationSettings {
        chunkTimeout = chunkTimeout == null ? Duration.ofSeconds(30) : chunkTimeout;
        publishWindow = publishWindow == null ? 100 : publishWindow;
        maxIdleSweeps = maxIdleSweeps == null ? 20 : maxIdleSweeps;
        workerConcurrency = workerConcurrency == null ? 2 : workerConcurrency;
        workerPrefetch = workerPrefetch == null ? 4 : workerPrefetch;
        confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(10) : confirmTimeout;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
    }

    /** How many free places in the window are worth a publishing round. */
    int refill() {
        return Math.max(1, publishWindow / 4);
    }
}
