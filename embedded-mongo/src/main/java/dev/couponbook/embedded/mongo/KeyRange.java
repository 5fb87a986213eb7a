package dev.couponbook.embedded.mongo;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The entries of a key range [from, to) of one column family, forward or backward, read in chunks: each chunk
 * opens a RocksDB iterator, copies up to a few hundred entries and closes it again, and the next chunk seeks past
 * the last key read. So a consumer may stop at any point (a stream abandoned after {@code limit} matches, a
 * cursor the client never closes) without holding a native iterator or pinning old data, and each chunk sees the
 * store as it is then, as a skip list iterator would. The first chunk is small because most index reads want one
 * entry or a page.
 */
final class KeyRange implements Iterator<byte[][]> {

    private static final int FIRST_CHUNK = 16;
    private static final int MAX_CHUNK = 512;

    private final RocksDB db;
    private final ColumnFamilyHandle family;
    private final byte[] from;
    private final byte[] to;
    private final boolean reverse;
    private final ArrayDeque<byte[][]> chunk = new ArrayDeque<>();
    private int chunkSize = FIRST_CHUNK;
    private byte[] lastKey;
    private boolean exhausted;

    private KeyRange(RocksDB db, ColumnFamilyHandle family, byte[] from, byte[] to, boolean reverse) {
        this.db = db;
        this.family = family;
        this.from = from;
        this.to = to;
        this.reverse = reverse;
        this.exhausted = Arrays.compareUnsigned(from, to) >= 0;
    }

    /** Entries as {key, value} pairs. */
    static Stream<byte[][]> stream(RocksDB db, ColumnFamilyHandle family, byte[] from, byte[] to, boolean reverse) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new KeyRange(db, family, from, to, reverse),
            Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        if (chunk.isEmpty() && !exhausted) {
            readChunk();
        }
        return !chunk.isEmpty();
    }

    @Override
    public byte[][] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return chunk.poll();
    }

    private void readChunk() {
        try (Slice lower = new Slice(from); Slice upper = new Slice(to);
             ReadOptions options = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
             RocksIterator iterator = db.newIterator(family, options)) {
            if (lastKey == null) {
                if (reverse) {
                    iterator.seekToLast();
                } else {
                    iterator.seekToFirst();
                }
            } else if (reverse) {
                iterator.seekForPrev(lastKey);
                if (iterator.isValid() && Arrays.equals(iterator.key(), lastKey)) {
                    iterator.prev();
                }
            } else {
                iterator.seek(lastKey);
                if (iterator.isValid() && Arrays.equals(iterator.key(), lastKey)) {
                    iterator.next();
                }
            }
            while (iterator.isValid() && chunk.size() < chunkSize) {
                byte[] key = iterator.key();
                chunk.add(new byte[][] {key, iterator.value()});
                lastKey = key;
                if (reverse) {
                    iterator.prev();
                } else {
                    iterator.next();
                }
            }
            exhausted = !iterator.isValid();
            if (exhausted) {
                RocksStorage.check(iterator::status);
            }
        }
        chunkSize = Math.min(MAX_CHUNK, chunkSize * 4);
    }
}
