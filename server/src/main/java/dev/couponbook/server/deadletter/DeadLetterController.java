package dev.couponbook.server.deadletter;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** ADMIN's view of parked events per processor, and a way to retry them now (after a fix, say). */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Operations")
public class DeadLetterController {

    private static final int MAX_LISTED_PER_GROUP = 100;

    private final EventProcessingConfiguration processing;
    private final DeadLetterRetrier retrier;

    public DeadLetterController(EventProcessingConfiguration processing, DeadLetterRetrier retrier) {
        this.processing = processing;
        this.retrier = retrier;
    }

    /** One parked event. */
    public record ParkedEvent(String eventType, String aggregateId, Long sequenceNumber, String eventId,
                              String cause, Instant enqueuedAt, Instant lastTouched, Object retries) {
    }

    /** The parked events of one processor. */
    public record ProcessorDeadLetters(String processor, long sequences, long events, List<ParkedEvent> parked) {
    }

    @GetMapping
    public List<ProcessorDeadLetters> list() {
        Map<String, ProcessorDeadLetters> byGroup = new TreeMap<>();
        processing.eventProcessors().keySet().forEach(group -> processing.deadLetterQueue(group)
                .ifPresent(queue -> byGroup.put(group, describe(group, queue))));
        return new ArrayList<>(byGroup.values());
    }

    /** The result of a retry. */
    public record RetryResult(String processor, int sequencesCleared, long eventsStillParked) {
    }

    @PostMapping("/{processor}/retry")
    public RetryResult retry(@PathVariable String processor) {
        var deadLetters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> new DomainException(Refusal.PROCESSOR_NOT_FOUND,
                        "no processor with a dead-letter queue named " + processor));
        int cleared = retrier.retry(processor, deadLetters, letter -> true);
        long left = processing.deadLetterQueue(processor).map(SequencedDeadLetterQueue::size).orElse(0L);
        return new RetryResult(processor, cleared, left);
    }

    private static ProcessorDeadLetters describe(String group, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<ParkedEvent> parked = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (parked.size() >= MAX_LISTED_PER_GROUP) {
                    break;
                }
                EventMessage<?> event = letter.message();
                DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
                parked.add(new ParkedEvent(event.getPayloadType().getSimpleName(),
                        domain == null ? null : domain.getAggregateIdentifier(),
                        domain == null ? null : domain.getSequenceNumber(),
                        event.getIdentifier(),
                        letter.cause().map(cause -> cause.type() + ": " + cause.message()).orElse(null),
                        letter.enqueuedAt(), letter.lastTouched(),
                        letter.diagnostics().get(DeadLetterConfiguration.RETRIES)));
            }
        }
        return new ProcessorDeadLetters(group, queue.amountOfSequences(), queue.size(), parked);
    }
}
