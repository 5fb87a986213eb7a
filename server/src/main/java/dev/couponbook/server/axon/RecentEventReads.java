package dev.couponbook.server.axon;

import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The event ranges this instance read from the store lately, so that processors and segments
 * catching up together read each range once. Axon's event store shares one reader only among
 * processors near the head; every processor replaying, and every segment of one, reads the whole
 * stream for itself, which made reading the same events six times over a fifth of a replay's CPU.
 *
 * <p>A range is kept only when it was a full batch, so it ends below events that were already
 * stored, and only with the instant it was read: an answer from it is the answer a read at that
 * instant gave. The reader then takes an index missing from it for a gap, or for a long-failed
 * append, as it would have then, and reads a gap's event when it appears, as after any read.
 * A range answers for {@code maxAge} after it was read, and the oldest ranges go first once
 * {@code capacity} events are kept; a capacity of zero keeps none.
 */
final class RecentEventReads {

    /** Events read at {@code readAt} with the indexes in (after, the last of {@code indexes}]. */
    record Range(String collection, long after, long[] indexes, List<Document> events, Instant readAt) {

        boolean covers(String collection, long index) {
            return this.collection.equals(collection) && index >= after && index < indexes[indexes.length - 1];
        }

        /** Up to {@code limit} of the events after {@code index}. */
        List<Document> after(long index, int limit) {
            int found = Arrays.binarySearch(indexes, index);
            int from = found >= 0 ? found + 1 : -found - 1;
            return events.subList(from, Math.min(events.size(), from + limit));
        }
    }

    private final int capacity;
    private final Duration maxAge;
    private final ToLongFunction<Document> indexOf;
    private final ConcurrentSkipListMap<Long, Range> byStart = new ConcurrentSkipListMap<>();
    private final ArrayDeque<Range> oldestFirst = new ArrayDeque<>();
    private final AtomicLong shared = new AtomicLong();
    private final AtomicLong fromStore = new AtomicLong();
    private int kept;

    RecentEventReads(int capacity, Duration maxAge, ToLongFunction<Document> indexOf) {
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.indexOf = indexOf;
    }

    /** A range kept until {@code now} holding the events after {@code index}, if one does. */
    Optional<Range> covering(String collection, long index, Instant now) {
        Map.Entry<Long, Range> floor = byStart.floorEntry(index);
        if (floor == null || !floor.getValue().covers(collection, index) || expired(floor.getValue(), now)) {
            fromStore.incrementAndGet();
            return Optional.empty();
        }
        shared.incrementAndGet();
        return Optional.of(floor.getValue());
    }

    /** Keeps a full batch, the events after {@code after} in index order as read at {@code readAt}. */
    void keep(String collection, long after, List<Document> events, Instant readAt) {
        if (events.isEmpty() || events.size() > capacity) {
            return;
        }
        Range range = new Range(collection, after, events.stream().mapToLong(indexOf).toArray(), List.copyOf(events), readAt);
        synchronized (oldestFirst) {
            Range same = byStart.get(after);
            if (same != null && !expired(same, readAt)) {
                return;
            }
            byStart.put(after, range);
            oldestFirst.addLast(range);
            kept += range.events().size();
            while (kept > capacity || expired(oldestFirst.getFirst(), readAt)) {
                Range oldest = oldestFirst.removeFirst();
                // by identity: a record's equals would compare a thousand events with a newer range's
                byStart.computeIfPresent(oldest.after(), (start, current) -> current == oldest ? null : current);
                kept -= oldest.events().size();
            }
        }
    }

    private boolean expired(Range range, Instant now) {
        return range.readAt().isBefore(now.minus(maxAge));
    }

    /** How many range reads a kept range answered. */
    long shared() {
        return shared.get();
    }

    /** How many range reads no kept range could answer. */
    long fromStore() {
        return fromStore.get();
    }
}
