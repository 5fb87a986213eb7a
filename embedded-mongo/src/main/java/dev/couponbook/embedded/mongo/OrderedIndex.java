package dev.couponbook.embedded.mongo;

import java.util.List;
import java.util.stream.Stream;

/**
 * What {@link IndexPlanner} needs from an index: its keys, and slices of its entries in key order. Entries are
 * ordered by the key tuple (each key ascending or descending as declared) and then by {@code _id}, with values
 * compared as {@link KeyOrder} does; the in-memory {@link SortedIndex} and the persistent {@link RocksIndex} both
 * keep that order.
 *
 * @param <P> the backend's document position type
 */
interface OrderedIndex<P> {

    List<String> keyPaths();

    boolean isAscending(int keyIndex);

    boolean isSparseIndex();

    /**
     * Whether a slice of the index holds exactly the documents whose keys lie in it. False while any indexed
     * document has a value the order cannot represent like a plain lookup would: an array (MongoDB matches any
     * element and sorts by the smallest or largest), or, in a persistent index, a type without an order-preserving
     * encoding.
     */
    boolean answersQueries();

    /**
     * Positions in the slice whose first {@code prefix.length} keys equal {@code prefix} and whose next key lies
     * within [{@code low}, {@code high}] (either may be null for unbounded), in index order or its reverse. The
     * stream is lazy: a consumer that stops early reads only what it consumed.
     */
    Stream<P> scan(Object[] prefix, Object low, Object high, boolean rangeOnNextKey, boolean reverse);
}
