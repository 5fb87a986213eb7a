package dev.couponbook.server.axon;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How processors track the event stream ({@code couponbook.events.*}). Every event gets a global
 * index at append; an index that processors pass before its event is visible (an append in
 * flight, or one that failed) is a gap in their tokens, re-read on every poll for
 * {@code gap-timeout} after it was first seen missing and then given up: the longest an event may
 * become visible after later ones and still reach every processor (the old tracking's
 * {@code look-back}, same default). {@code max-gaps} caps the gaps a token keeps (the oldest go
 * first): gaps come from concurrency and failed appends, so reaching it means something is wrong.
 * {@code shared-reads} is how many events of its latest full reads an instance keeps, so that
 * processors and segments catching up together read each range of the stream once (0: none).
 * {@code read-batch-size} is the most events one read of the stream asks for (Axon's default is
 * 100): a processor catching up, whose batch is {@code couponbook.read-models.batch-size} (500)
 * events, then reads each batch in one query instead of five.
 */
@Validated
@ConfigurationProperties("couponbook.events")
public record EventTrackingProperties(@DurationMin(millis = 1) Duration gapTimeout, @Positive Integer maxGaps,
                                      @PositiveOrZero Integer sharedReads, @Positive Integer readBatchSize) {

    public EventTrackingProperties {
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(10) : gapTimeout;
        maxGaps = maxGaps == null ? 1_000 : maxGaps;
        sharedReads = sharedReads == null ? 10_000 : sharedReads;
        readBatchSize = readBatchSize == null ? 1_000 : readBatchSize;
    }
}
