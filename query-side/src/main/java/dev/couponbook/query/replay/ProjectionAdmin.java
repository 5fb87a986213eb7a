package dev.couponbook.query.replay;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.query.readmodel.ReadModelStatus;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds read models from the full event history and reports on every streaming processor.
 * A replay stops the processor, clears the read model (its {@code @ResetHandler}s), sets its
 * tokens to the start of the store and starts it again; queries keep answering meanwhile and
 * say {@code rebuilding: true} until the replay has caught up.
 */
@Component
public class ProjectionAdmin {

    private final EventProcessingConfiguration processing;
    private final ReadModelStatus readModels;
    private final TokenStore tokens;

    public ProjectionAdmin(EventProcessingConfiguration processing, ReadModelStatus readModels, TokenStore tokens) {
        this.processing = processing;
        this.readModels = readModels;
        this.tokens = tokens;
    }

    public List<ProjectionStatus> list() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> status(entry.getKey(), (StreamingEventProcessor) entry.getValue()))
                .toList();
    }

    public ProjectionStatus status(String name) {
        return status(name, processor(name));
    }

    /**
     * Clears the read model and starts its processor again from the first stored event. No handler
     * tells replayed events apart, so instead of Axon's {@code resetTokens()} (a replay token, whose
     * cost with the timestamp tokens used before the global index grew with every event passed)
     * this claims every segment (refusing with a conflict, and changing nothing, when
     * another instance holds one), runs the {@code @ResetHandler}s and stores the plain tail
     * token. Only one replay runs at a time in this instance.
     */
    public synchronized ProjectionStatus replay(String name) {
        if (!(processor(name) instanceof TrackingEventProcessor processor) || !processor.supportsReset()) {
            throw new DomainException(Refusal.PROJECTION_NOT_REPLAYABLE, "processor " + name + " cannot be reset");
        }
        processor.shutDown();
        int[] segments = tokens.fetchSegments(name);
        try {
            for (int segment : segments) {
                tokens.fetchToken(name, segment);
            }
            readModels.resetStarted(name);
            processor.eventHandlerInvoker().performReset();
            TrackingToken start = processor.getMessageSource().createTailToken();
            for (int segment : segments) {
                tokens.storeToken(start, name, segment);
            }
        } catch (UnableToClaimTokenException e) {
            throw new DomainException(Refusal.PROJECTION_CLAIMED_ELSEWHERE,
                    "another instance holds a segment of " + name + "; stop it there first");
        } finally {
            for (int segment : segments) {
                tokens.releaseClaim(name, segment);
            }
            processor.start();
        }
        return status(name, processor);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new DomainException(Refusal.PROJECTION_NOT_FOUND, "no event processor named " + name));
    }

    private ProjectionStatus status(String name, StreamingEventProcessor processor) {
        List<ProjectionStatus.Segment> segments = processor.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(segment -> segment.getSegment().getSegmentId()))
                .map(ProjectionAdmin::segment)
                .toList();
        return new ProjectionStatus(name, processor.isRunning(), readModels.rebuilding(name),
                !segments.isEmpty() && segments.stream().allMatch(ProjectionStatus.Segment::caughtUp),
                processor.isError(), processor.supportsReset(), segments);
    }

    private static ProjectionStatus.Segment segment(EventTrackerStatus status) {
        TrackingToken token = WrappedToken.unwrapLowerBound(status.getTrackingToken());
        Long position = token == null || token.position().isEmpty() ? null : token.position().getAsLong();
        return new ProjectionStatus.Segment(status.getSegment().getSegmentId(), status.isCaughtUp(),
                position, status.isErrorState() ? String.valueOf(status.getError()) : null);
    }
}
