package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte order of encoded keys is KeyOrder's order, for single values and for tuples, ascending and descending. */
class KeyEncodingTest {

    private final Random random = new Random(1234);

    @Test
    void canOrderEncodedValuesAsKeyOrderDoes() {
        List<Object> values = randomValues(3_000);
        for (int i = 0; i < 200_000; i++) {
            Object a = values.get(random.nextInt(values.size()));
            Object b = values.get(random.nextInt(values.size()));
            int expected = Integer.signum(KeyOrder.compare(a, b));
            assertThat(Integer.signum(Arrays.compareUnsigned(encode(a, true), encode(b, true))))
                .as("%s vs %s", describe(a), describe(b)).isEqualTo(expected);
            assertThat(Integer.signum(Arrays.compareUnsigned(encode(a, false), encode(b, false))))
                .as("descending %s vs %s", describe(a), describe(b)).isEqualTo(-expected);
        }
    }

    @Test
    void canOrderTuplesByTheirFirstDifferingComponent() {
        List<Object> values = randomValues(300);
        boolean[] ascending = {true, false};
        for (int i = 0; i < 50_000; i++) {
            Object[] a = {pick(values), pick(values)};
            Object[] b = random.nextInt(3) == 0 ? new Object[] {a[0], pick(values)} : new Object[] {pick(values), pick(values)};
            int expected = Integer.signum(KeyOrder.compare(a[0], b[0]));
            if (expected == 0) {
                expected = -Integer.signum(KeyOrder.compare(a[1], b[1]));
            }
            assertThat(Integer.signum(Arrays.compareUnsigned(tuple(a, ascending), tuple(b, ascending))))
                .as("%s vs %s", Arrays.toString(a), Arrays.toString(b)).isEqualTo(expected);
        }
    }

    @Test
    void cannotConfuseUnorderedValuesThatDiffer() {
        Document a = new Document("x", 1).append("y", "z");
        Document sameValue = new Document("x", 1L).append("y", "z");
        Document other = new Document("y", "z").append("x", 1);

        assertThat(KeyEncoding.isOrdered(a)).isFalse();
        assertThat(encode(a, true)).isEqualTo(encode(sameValue, true));
        assertThat(encode(a, true)).isNotEqualTo(encode(other, true));
        assertThat(encode(List.of(1, 2), true)).isNotEqualTo(encode(List.of(1, 2, 3), true));
    }

    private Object pick(List<Object> values) {
        return values.get(random.nextInt(values.size()));
    }

    private List<Object> randomValues(int count) {
        List<Object> values = new ArrayList<>(List.of(0, -0.0, 0.0, 1, 1L, 1.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Long.MAX_VALUE, Long.MIN_VALUE, (double) Long.MAX_VALUE, 9007199254740993L,
            9007199254740992.0, -9007199254740993L, "", "\0", "a", "a\0", "ab", "\uFFFF", "\uD83D\uDE00", "\uE000",
            true, false, MinKey.getInstance(), MaxKey.getInstance()));
        values.add(null);
        for (int i = 0; i < count; i++) {
            values.add(switch (random.nextInt(9)) {
                case 0 -> random.nextInt(200) - 100;
                case 1 -> random.nextBoolean() ? random.nextLong() : (1L << 53) + random.nextInt(2000) - 1000;
                case 2 -> random.nextBoolean() ? random.nextDouble() * 200 - 100 : (double) (random.nextInt(200) - 100);
                case 3 -> randomString();
                case 4 -> new ObjectId();
                case 5 -> new UUID(random.nextLong(), random.nextLong());
                case 6 -> random.nextBoolean();
                case 7 -> Instant.ofEpochSecond(random.nextInt() , random.nextInt(1_000_000_000));
                default -> random.nextBoolean() ? (double) ((1L << 53) + random.nextInt(2000) * 2L) : null;
            });
        }
        return values;
    }

    private String randomString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = random.nextInt(5); i < n; i++) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> (char) 0;
                case 1 -> (char) (0x80 + random.nextInt(0x780));
                case 2 -> (char) (0xD800 + random.nextInt(0x800));
                case 3 -> (char) (0xE000 + random.nextInt(0x2000));
                default -> (char) ('a' + random.nextInt(3));
            });
        }
        return text.toString();
    }

    private static byte[] encode(Object value, boolean ascending) {
        KeyEncoding.Bytes bytes = new KeyEncoding.Bytes(16);
        KeyEncoding.encode(value, ascending, bytes);
        return bytes.toArray();
    }

    private static byte[] tuple(Object[] values, boolean[] ascending) {
        KeyEncoding.Bytes bytes = new KeyEncoding.Bytes(16);
        for (int i = 0; i < values.length; i++) {
            KeyEncoding.encode(values[i], ascending[i], bytes);
        }
        return bytes.toArray();
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
