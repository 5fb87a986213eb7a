package dev.couponbook.embedded.mongo;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * How one index answers one query: the slices to read (one per combination of equality values on the leading
 * keys, each optionally narrowed by a range on the next key) and whether reading them yields the requested sort.
 * The positions are a superset of the matches; the collection still applies the full filter.
 */
final class IndexPlan<P> {

    private final OrderedIndex<P> index;
    private final List<Object[]> prefixes;
    private final IndexPlanner.Constraint range;
    private final boolean servesSort;
    private final boolean reverse;
    private final int selectivity;

    IndexPlan(OrderedIndex<P> index, List<Object[]> prefixes, IndexPlanner.Constraint range,
              boolean servesSort, boolean reverse, int selectivity) {
        this.index = index;
        this.prefixes = prefixes;
        this.range = range;
        this.servesSort = servesSort;
        this.reverse = reverse;
        this.selectivity = selectivity;
    }

    /** Whether {@link #positions()} comes out in the query's sort order, so no sort is needed and a limit can stop early. */
    boolean servesSort() {
        return servesSort;
    }

    /** Lazily read positions; consumers that stop early read only what they consume. */
    Stream<P> positions() {
        Object low = range == null ? null : range.low();
        Object high = range == null ? null : range.high();
        return prefixes.stream().flatMap(prefix -> index.scan(prefix, low, high, range != null, reverse));
    }

    /**
     * The same positions as {@link #positions()}, read one at a time: an iterator over a flat-mapped stream would
     * buffer a whole slice on its first step.
     */
    Iterator<P> positionIterator() {
        Object low = range == null ? null : range.low();
        Object high = range == null ? null : range.high();
        Iterator<Object[]> slices = prefixes.iterator();
        return new Iterator<>() {
            private Iterator<P> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && slices.hasNext()) {
                    current = index.scan(slices.next(), low, high, range != null, reverse).iterator();
                }
                return current.hasNext();
            }

            @Override
            public P next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Prefers more bound keys, then an index that delivers the sort order. */
    boolean isBetterThan(IndexPlan<?> other) {
        if (selectivity != other.selectivity) {
            return selectivity > other.selectivity;
        }
        return servesSort && !other.servesSort;
    }
}
