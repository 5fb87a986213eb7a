package dev.couponbook.server.axon;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Mongo token store as the processors use it here. It hands out every stored token in the
 * global-index form: a token stored before the global index existed is converted when a processor
 * first fetches it, and the processor's next update stores the new form. And it skips a claim
 * extension when this instance confirmed the claim less than {@link #CONFIRMED_FOR} ago: a tracking
 * processor extends its claim at the start of every batch and stores its token at the end, two
 * writes per batch where one is enough, and a claim only lapses after the store's claim timeout
 * (10 s) without either.
 */
final class ServiceTokenStore implements TokenStore {

    static final Duration CONFIRMED_FOR = Duration.ofSeconds(1);

    private final TokenStore delegate;
    private final GlobalIndexEventStorageEngine events;
    private final Clock clock;
    private final Map<String, Instant> confirmed = new ConcurrentHashMap<>();

    ServiceTokenStore(TokenStore delegate, GlobalIndexEventStorageEngine events, Clock clock) {
        this.delegate = delegate;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = delegate.fetchToken(processorName, segment);
        confirm(processorName, segment);
        return events.current(token);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment)
            throws UnableToClaimTokenException {
        TrackingToken token = delegate.fetchToken(processorName, segment);
        confirm(processorName, segment.getSegmentId());
        return events.current(token);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount,
                                        TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        delegate.storeToken(token, processorName, segment);
        confirm(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        Instant last = confirmed.get(key(processorName, segment));
        if (last == null || !clock.instant().isBefore(last.plus(CONFIRMED_FOR))) {
            delegate.extendClaim(processorName, segment);
            confirm(processorName, segment);
        }
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        confirmed.remove(key(processorName, segment));
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        confirmed.remove(key(processorName, segment));
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }

    private void confirm(String processorName, int segment) {
        confirmed.put(key(processorName, segment), clock.instant());
    }

    private static String key(String processorName, int segment) {
        return processorName + "/" + segment;
    }
}
