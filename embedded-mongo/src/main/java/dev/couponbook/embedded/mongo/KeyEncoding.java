package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Index key values as bytes whose unsigned lexicographic order is {@link KeyOrder}'s order, so that RocksDB keeps
 * index entries sorted as {@link SortedIndex} does. Every encoding is self-delimiting (none is a prefix of
 * another), which makes a tuple the concatenation of its values and lets a descending key invert its bytes.
 *
 * <p>Ordered: null and missing (equal), numbers (int, long and double compared exactly by value), strings (by
 * UTF-16 code unit, as {@code String.compareTo}), UUIDs, ObjectIds, booleans, dates, MinKey and MaxKey. Other
 * values (sub-documents, arrays, binary data, decimals, timestamps, ...) get an encoding that is equal exactly when
 * the values are, enough for uniqueness, but not ordered; {@link #isOrdered} tells them apart.
 */
final class KeyEncoding {

    // type tags follow ValueComparator's type order
    private static final int MIN_KEY = 0x01;
    private static final int NULL = 0x10;
    private static final int NUMBER = 0x20;
    private static final int STRING = 0x30;
    private static final int DOCUMENT = 0x40;
    private static final int ARRAY = 0x50;
    private static final int OTHER = 0x60;
    private static final int UUID_TAG = 0x80;
    private static final int OBJECT_ID = 0x90;
    private static final int BOOLEAN = 0xA0;
    private static final int DATE = 0xB0;
    private static final int MAX_KEY = 0xF0;

    // after a number's double image: whether the exact value is below, at or above it
    private static final int BELOW = 0x7F;
    private static final int EXACT = 0x80;
    private static final int ABOVE = 0x81;

    private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

    private KeyEncoding() {
    }

    /** Whether {@link #encode} orders {@code value} as {@link KeyOrder} does. */
    static boolean isOrdered(Object value) {
        return value == null || value instanceof Missing
            || (value instanceof Number && !(value instanceof Decimal128))
            || value instanceof String || value instanceof UUID || value instanceof ObjectId
            || value instanceof Boolean || value instanceof Instant
            || value instanceof MinKey || value instanceof MaxKey;
    }

    /** Appends {@code value}'s encoding, with its bytes inverted for a descending key. */
    static void encode(Object value, boolean ascending, Bytes out) {
        int start = out.length();
        encode(value, out);
        if (!ascending) {
            out.invertFrom(start);
        }
    }

    private static void encode(Object value, Bytes out) {
        if (value == null || value instanceof Missing) {
            out.put(NULL);
        } else if (value instanceof Number number && !(value instanceof Decimal128)) {
            encodeNumber(number, out);
        } else if (value instanceof String text) {
            out.put(STRING);
            encodeString(text, out);
        } else if (value instanceof UUID uuid) {
            out.put(UUID_TAG);
            // the hex digits of toString(), which orders UUIDs, read the bits as unsigned
            out.putLong(uuid.getMostSignificantBits());
            out.putLong(uuid.getLeastSignificantBits());
        } else if (value instanceof ObjectId id) {
            out.put(OBJECT_ID);
            out.put(id.toByteArray());
        } else if (value instanceof Boolean bool) {
            out.put(BOOLEAN);
            out.put(bool ? 1 : 0);
        } else if (value instanceof Instant instant) {
            out.put(DATE);
            out.putLong(instant.getEpochSecond() ^ Long.MIN_VALUE);
            out.putInt(instant.getNano());
        } else if (value instanceof MinKey) {
            out.put(MIN_KEY);
        } else if (value instanceof MaxKey) {
            out.put(MAX_KEY);
        } else if (value instanceof Map<?, ?> document) {
            out.put(DOCUMENT);
            for (Map.Entry<?, ?> entry : document.entrySet()) {
                out.put(1);
                encodeString(String.valueOf(entry.getKey()), out);
                encode(entry.getValue(), out);
            }
            out.put(0);
        } else if (value instanceof Collection<?> values) {
            out.put(ARRAY);
            for (Object element : values) {
                out.put(1);
                encode(element, out);
            }
            out.put(0);
        } else {
            // BSON of {"": value} starts with its length, so it delimits itself
            out.put(OTHER);
            ByteBuf buffer = Unpooled.buffer();
            try {
                BsonEncoder.encodeDocument(new Document("", value), buffer);
                byte[] bson = new byte[buffer.readableBytes()];
                buffer.readBytes(bson);
                out.put(bson);
            } finally {
                buffer.release();
            }
        }
    }

    /**
     * The nearest double's sortable image, then whether the exact value lies below, at or above it and by how
     * much; only whole numbers beyond 2^53 need the correction, and it is exact (a long minus its nearest double).
     */
    private static void encodeNumber(Number number, Bytes out) {
        out.put(NUMBER);
        boolean whole = number instanceof Integer || number instanceof Long || number instanceof Short
            || number instanceof Byte;
        double image = number.doubleValue() + 0.0;
        long bits = Double.doubleToLongBits(image);
        out.putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
        long value = number.longValue();
        if (!whole || Math.abs(value) <= EXACT_DOUBLE_LIMIT) {
            out.put(EXACT);
            return;
        }
        long difference = new BigDecimal(value).subtract(new BigDecimal(image)).longValueExact();
        if (difference == 0) {
            out.put(EXACT);
        } else {
            out.put(difference < 0 ? BELOW : ABOVE);
            out.putLong(difference ^ Long.MIN_VALUE);
        }
    }

    /**
     * Each UTF-16 code unit as UTF-8 would write a code point of that value (so surrogates keep their UTF-16
     * order), with 0x00 written as 0x00 0xFF and the end as 0x00 0x00, below every continuation.
     */
    private static void encodeString(String text, Bytes out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                out.put(0);
                out.put(0xFF);
            } else if (c < 0x80) {
                out.put(c);
            } else if (c < 0x800) {
                out.put(0xC0 | (c >> 6));
                out.put(0x80 | (c & 0x3F));
            } else {
                out.put(0xE0 | (c >> 12));
                out.put(0x80 | ((c >> 6) & 0x3F));
                out.put(0x80 | (c & 0x3F));
            }
        }
        out.put(0);
        out.put(0);
    }

    /** A growable byte array for building keys. */
    static final class Bytes {

        private byte[] bytes;
        private int length;

        Bytes(int capacity) {
            this.bytes = new byte[capacity];
        }

        static Bytes of(byte[] prefix) {
            Bytes bytes = new Bytes(prefix.length + 32);
            bytes.put(prefix);
            return bytes;
        }

        int length() {
            return length;
        }

        void truncate(int newLength) {
            length = newLength;
        }

        Bytes put(int b) {
            ensure(1);
            bytes[length++] = (byte) b;
            return this;
        }

        Bytes put(byte[] more) {
            ensure(more.length);
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
            return this;
        }

        Bytes putInt(int value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                put(value >>> shift);
            }
            return this;
        }

        Bytes putLong(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                put((int) (value >>> shift));
            }
            return this;
        }

        void invertFrom(int start) {
            for (int i = start; i < length; i++) {
                bytes[i] = (byte) ~bytes[i];
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, length);
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /** The smallest key greater than every key starting with {@code prefix}, or null if there is none. */
    static byte[] successor(byte[] prefix) {
        byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xFF) {
                next[i]++;
                return Arrays.copyOf(next, i + 1);
            }
        }
        return null;
    }

    static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    static int readInt(byte[] bytes, int offset) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }
}
