package dev.couponbook.command.pool;

import dev.couponbook.command.RedisKeys;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notices that Redis lost the pools (a restart of a Redis without persistence, a flush) and
 * rebuilds them by replaying the pool projection from the start of the history. A marker key
 * is written when the pools are known to follow the history; finding it gone means the pools
 * cannot be trusted. Checked when the application is ready, then every few seconds.
 */
@Component
public class CodePoolRebuilder {

    /** Marker values: the pools follow the history, or are being refilled from it. */
    static final String READY = "ready";
    static final String REBUILDING = "rebuilding";

    private static final Logger log = LoggerFactory.getLogger(CodePoolRebuilder.class);

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final EventProcessingConfiguration processing;
    private boolean replayedHere;

    public CodePoolRebuilder(StringRedisTemplate redis, RedisKeys keys, EventProcessingConfiguration processing) {
        this.redis = redis;
        this.keys = keys;
        this.processing = processing;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void checkAtStart() {
        rebuildIfLost();
    }

    @Scheduled(initialDelayString = "${couponbook.pool.check-interval:1s}", fixedDelayString = "${couponbook.pool.check-interval:1s}")
    public synchronized void rebuildIfLost() {
        try {
            if (!Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(keys.poolMarker(), REBUILDING))) {
                markReadyWhenCaughtUp();
                return;
            }
        } catch (DataAccessException e) {
            log.warn("Cannot check the code pools: Redis does not answer ({})", e.getMessage());
            return;
        }
        processing.eventProcessor(CodePoolProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .ifPresent(this::replay);
    }

    /**
     * The instance whose replay started flips the marker once its pool processor has caught up
     * with the head of the history. Caught up is the test, not "no longer replaying": Axon keeps
     * reporting a replay on Mongo tracking tokens until a newer event arrives.
     */
    private void markReadyWhenCaughtUp() {
        if (!replayedHere) {
            return;
        }
        processing.eventProcessor(CodePoolProjection.PROCESSING_GROUP, TrackingEventProcessor.class)
                .filter(processor -> !processor.processingStatus().isEmpty()
                        && processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp))
                .ifPresent(caughtUp -> {
                    try {
                        if (REBUILDING.equals(redis.opsForValue().get(keys.poolMarker()))) {
                            redis.opsForValue().set(keys.poolMarker(), READY);
                            replayedHere = false;
                            log.info("Code pools caught up with the event history");
                        }
                    } catch (DataAccessException e) {
                        log.warn("Cannot mark the code pools ready: Redis does not answer ({})", e.getMessage());
                    }
                });
    }

    private void replay(TrackingEventProcessor processor) {
        try {
            processor.shutDown();
            processor.resetTokens();
            replayedHere = true;
            log.info("Code pools rebuilt from the event history: Redis had lost them");
        } catch (RuntimeException e) {
            redis.delete(keys.poolMarker());
            log.warn("Cannot rebuild the code pools now, will try again: {}", e.getMessage());
        } finally {
            processor.start();
        }
    }
}
