package dev.couponbook.server.deadletter;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Retries parked events on a schedule with exponential back-off per letter (10 s, 20 s, 40 s,
 * … up to an hour), so a transient failure heals by itself and a permanent one costs little.
 */
@Component
public class DeadLetterRetrier {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRetrier.class);
    private static final Duration FIRST_DELAY = Duration.ofSeconds(10);
    private static final Duration MAX_DELAY = Duration.ofHours(1);
    private static final int MAX_SEQUENCES_PER_RUN = 100;

    private final EventProcessingConfiguration processing;
    private final Clock clock;

    public DeadLetterRetrier(EventProcessingConfiguration processing, Clock clock) {
        this.processing = processing;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${couponbook.dead-letters.retry-interval:10s}")
    void retryDue() {
        Instant now = clock.instant();
        processing.eventProcessors().keySet().forEach(group -> processing.sequencedDeadLetterProcessor(group)
                .ifPresent(processor -> retry(group, processor, letter -> due(letter, now))));
    }

    /** Processes the parked sequences of {@code group} that {@code which} accepts; returns how many sequences were cleared. */
    int retry(String group, SequencedDeadLetterProcessor<EventMessage<?>> processor,
              Predicate<DeadLetter<? extends EventMessage<?>>> which) {
        int cleared = 0;
        for (int i = 0; i < MAX_SEQUENCES_PER_RUN; i++) {
            try {
                if (!processor.process(which)) {
                    break;
                }
                cleared++;
            } catch (RuntimeException e) {
                log.warn("Retrying dead letters of {} failed: {}", group, e.toString());
                break;
            }
        }
        return cleared;
    }

    private static boolean due(DeadLetter<? extends EventMessage<?>> letter, Instant now) {
        int retries = DeadLetterConfiguration.retries(letter.diagnostics().get(DeadLetterConfiguration.RETRIES));
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(retries, 16));
        return !letter.lastTouched().plus(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay).isAfter(now);
    }
}
