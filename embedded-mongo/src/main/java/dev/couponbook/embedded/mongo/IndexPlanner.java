package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the index, if any, that answers a query best. Reads from the filter only what narrows candidates safely
 * (equality, {@code $eq}, {@code $in}, {@code $gt/$gte/$lt/$lte} on plain scalars, also inside a top-level
 * {@code $and}); every other operator is left to the full filter that the collection applies afterwards.
 */
final class IndexPlanner {

    // $in on several compound keys multiplies into slices; beyond this a shorter prefix is cheaper to plan and read
    private static final int MAX_SLICES = 1024;

    private IndexPlanner() {
    }

    /** The best plan over the collection's indexes, or null when a full scan is needed. */
    static <P> IndexPlan<P> choose(List<Index<P>> indexes, Document query, Document orderBy) {
        if (orderBy != null && orderBy.containsKey("$natural")) {
            return null;
        }
        Map<String, Constraint> constraints = constraints(query);
        List<SortKey> sort = sortKeys(orderBy);
        IndexPlan<P> best = null;
        for (Index<P> index : indexes) {
            if (index instanceof OrderedIndex<?>) {
                @SuppressWarnings("unchecked")
                OrderedIndex<P> sorted = (OrderedIndex<P>) index;
                IndexPlan<P> plan = plan(sorted, constraints, sort);
                if (plan != null && (best == null || plan.isBetterThan(best))) {
                    best = plan;
                }
            }
        }
        return best;
    }

    static <P> IndexPlan<P> planFor(OrderedIndex<P> index, Document query, Document orderBy) {
        if (orderBy != null && orderBy.containsKey("$natural")) {
            return null;
        }
        return plan(index, constraints(query), sortKeys(orderBy));
    }

    private static <P> IndexPlan<P> plan(OrderedIndex<P> index, Map<String, Constraint> constraints, List<SortKey> sort) {
        if (!index.answersQueries()) {
            return null;
        }
        List<String> keys = index.keyPaths();
        List<List<Object>> pointSets = new ArrayList<>();
        Constraint range = null;
        long slices = 1;
        for (String key : keys) {
            Constraint constraint = constraints.get(key);
            if (constraint == null) {
                break;
            }
            if (!constraint.isPoints()) {
                range = constraint;
                break;
            }
            if (slices * Math.max(1, constraint.points().size()) > MAX_SLICES) {
                break;
            }
            pointSets.add(constraint.points());
            slices *= constraint.points().size();
            if (slices == 0) {
                break;
            }
        }
        // A sparse index lacks documents that have none of its keys, so it may only answer when the first key's
        // condition excludes null and missing: non-null equality, or a range (bounds are never null).
        boolean firstKeyExcludesMissing = pointSets.isEmpty() ? range != null : !pointSets.get(0).contains(null);
        if (index.isSparseIndex() && !firstKeyExcludesMissing) {
            return null;
        }
        int selectivity = 2 * pointSets.size() + (range != null ? 1 : 0);
        Boolean reverse = sortDirection(index, pointSets, sort);
        if (selectivity == 0 && reverse == null) {
            return null;
        }
        return new IndexPlan<>(index, cartesianProduct(pointSets), range, reverse != null,
            Boolean.TRUE.equals(reverse), selectivity);
    }

    /**
     * Whether reading the single slice forward (FALSE) or backward (TRUE) yields {@code sort}, or null if neither.
     * Keys pinned to one value by equality are constant in the slice and drop out of the sort; after the index keys
     * comes the {@code _id} tie-breaker the index orders by.
     */
    private static Boolean sortDirection(OrderedIndex<?> index, List<List<Object>> pointSets, List<SortKey> sort) {
        if (sort == null || sort.isEmpty()) {
            return null;
        }
        for (List<Object> points : pointSets) {
            if (points.size() != 1) {
                return null;
            }
        }
        List<String> keys = index.keyPaths();
        List<String> pinned = keys.subList(0, pointSets.size());
        Boolean reverse = null;
        int position = pointSets.size();
        for (SortKey sortKey : sort) {
            if (pinned.contains(sortKey.field())) {
                continue;
            }
            boolean indexAscending;
            if (position < keys.size()) {
                if (!sortKey.field().equals(keys.get(position))) {
                    return null;
                }
                indexAscending = index.isAscending(position);
            } else if (position == keys.size()) {
                if (!sortKey.field().equals(Constants.ID_FIELD)) {
                    return null;
                }
                indexAscending = true;
            } else {
                // the _id tie-breaker already made the order total
                break;
            }
            boolean opposite = sortKey.ascending() != indexAscending;
            if (reverse == null) {
                reverse = opposite;
            } else if (reverse != opposite) {
                return null;
            }
            position++;
        }
        return reverse == null ? Boolean.FALSE : reverse;
    }

    /** The sort keys, an empty list for no sort, or null for a sort no index can deliver. */
    private static List<SortKey> sortKeys(Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return List.of();
        }
        List<SortKey> keys = new ArrayList<>();
        for (Map.Entry<String, Object> entry : orderBy.entrySet()) {
            if (!(entry.getValue() instanceof Number direction)) {
                return null;
            }
            keys.add(new SortKey(entry.getKey(), direction.intValue() > 0));
        }
        return keys;
    }

    private static Map<String, Constraint> constraints(Document query) {
        Map<String, Constraint> constraints = new HashMap<>();
        if (query != null) {
            collect(query, constraints);
        }
        return constraints;
    }

    private static void collect(Document query, Map<String, Constraint> constraints) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String key = entry.getKey();
            if (key.equals("$and") && entry.getValue() instanceof Collection<?> conjuncts) {
                for (Object conjunct : conjuncts) {
                    if (conjunct instanceof Document document) {
                        collect(document, constraints);
                    }
                }
            } else if (!key.startsWith("$")) {
                Constraint constraint = constraintOf(entry.getValue());
                if (constraint != null) {
                    constraints.merge(key, constraint, Constraint::intersect);
                }
            }
        }
    }

    private static Constraint constraintOf(Object value) {
        if (!(value instanceof Document operators)) {
            return KeyOrder.isIndexablePoint(value) ? Constraint.points(Collections.singletonList(value)) : null;
        }
        if (operators.keySet().stream().noneMatch(op -> op.startsWith("$"))) {
            // equality on a whole sub-document follows field-order rules the key order does not model
            return null;
        }
        Constraint result = null;
        for (Map.Entry<String, Object> entry : operators.entrySet()) {
            Object argument = entry.getValue();
            Constraint constraint = switch (entry.getKey()) {
                case "$eq" -> KeyOrder.isIndexablePoint(argument)
                    ? Constraint.points(Collections.singletonList(argument)) : null;
                case "$in" -> argument instanceof Collection<?> values
                    && values.stream().allMatch(KeyOrder::isIndexablePoint)
                    ? Constraint.points(new ArrayList<>(values)) : null;
                case "$gt", "$gte" -> KeyOrder.isIndexableBound(argument) ? new Constraint(null, argument, null) : null;
                case "$lt", "$lte" -> KeyOrder.isIndexableBound(argument) ? new Constraint(null, null, argument) : null;
                default -> null;
            };
            result = result == null ? constraint : constraint == null ? result : result.intersect(constraint);
        }
        return result;
    }

    private static List<Object[]> cartesianProduct(List<List<Object>> pointSets) {
        List<Object[]> prefixes = Collections.singletonList(new Object[0]);
        for (List<Object> points : pointSets) {
            List<Object[]> extended = new ArrayList<>(prefixes.size() * points.size());
            for (Object[] prefix : prefixes) {
                for (Object point : points) {
                    Object[] longer = new Object[prefix.length + 1];
                    System.arraycopy(prefix, 0, longer, 0, prefix.length);
                    longer[prefix.length] = point;
                    extended.add(longer);
                }
            }
            prefixes = extended;
        }
        return prefixes;
    }

    private record SortKey(String field, boolean ascending) {
    }

    /**
     * What the filter allows for one field: a set of values, or an inclusive range. Ranges are inclusive even for
     * {@code $gt}/{@code $lt} because the result only needs to be a superset; the filter trims the ends.
     */
    record Constraint(List<Object> points, Object low, Object high) {

        static Constraint points(List<Object> values) {
            List<Object> sorted = new ArrayList<>(values);
            sorted.sort(KeyOrder::compare);
            List<Object> distinct = new ArrayList<>(sorted.size());
            for (Object value : sorted) {
                if (distinct.isEmpty() || KeyOrder.compare(distinct.get(distinct.size() - 1), value) != 0) {
                    distinct.add(value);
                }
            }
            return new Constraint(distinct, null, null);
        }

        boolean isPoints() {
            return points != null;
        }

        boolean contains(Object value) {
            if (isPoints()) {
                return points.stream().anyMatch(point -> KeyOrder.compare(point, value) == 0);
            }
            return (low == null || KeyOrder.compare(value, low) >= 0)
                && (high == null || KeyOrder.compare(value, high) <= 0);
        }

        /** A constraint no looser than both; intersecting supersets of two conditions bounds their conjunction. */
        Constraint intersect(Constraint other) {
            if (isPoints()) {
                return new Constraint(points.stream().filter(other::contains).toList(), null, null);
            }
            if (other.isPoints()) {
                return other.intersect(this);
            }
            return new Constraint(null, tighter(low, other.low, 1), tighter(high, other.high, -1));
        }

        private static Object tighter(Object a, Object b, int preferSign) {
            if (a == null) {
                return b;
            }
            if (b == null) {
                return a;
            }
            return Integer.signum(KeyOrder.compare(a, b)) == preferSign ? a : b;
        }
    }
}
