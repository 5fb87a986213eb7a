package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The order in which index entries are kept: MongoDB's cross-type order as mongo-java-server's
 * {@link ValueComparator} defines it (so index order equals the order its sort produces), but with
 * an exact comparison between whole and fractional numbers. {@code ValueComparator} compares a long
 * outside the int range with a double by truncating the double, which is not transitive and would
 * corrupt a skip list.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    static int compare(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return compareNumbers((Number) a, (Number) b);
        }
        return ValueComparator.asc().compare(a, b);
    }

    /** Whether an equality or {@code $in} value can be looked up in an index with the same result as the matcher. */
    static boolean isIndexablePoint(Object value) {
        return value == null || isIndexableBound(value);
    }

    /**
     * Whether a range bound can be used: only plain scalars, whose equality under the matcher coincides with
     * equality under {@link #compare}; sub-documents, arrays, regexes and MinKey/MaxKey have their own rules.
     */
    static boolean isIndexableBound(Object value) {
        return (value instanceof Number && !(value instanceof Decimal128))
            || value instanceof String
            || value instanceof Boolean
            || value instanceof Instant
            || value instanceof ObjectId
            || value instanceof UUID;
    }

    private static int compareNumbers(Number a, Number b) {
        boolean aWhole = isWhole(a);
        boolean bWhole = isWhole(b);
        if (aWhole && bWhole) {
            return Long.compare(a.longValue(), b.longValue());
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (aWhole == bWhole || !Double.isFinite(x) || !Double.isFinite(y)) {
            // adding 0.0 folds -0.0 into 0.0, which MongoDB treats as equal
            return Double.compare(x + 0.0, y + 0.0);
        }
        return toBigDecimal(a, aWhole).compareTo(toBigDecimal(b, bWhole));
    }

    private static boolean isWhole(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    private static BigDecimal toBigDecimal(Number n, boolean whole) {
        return whole ? BigDecimal.valueOf(n.longValue()) : new BigDecimal(n.doubleValue());
    }
}
