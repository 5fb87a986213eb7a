package dev.couponbook.generation;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Serves draws from blocks of {@link SecureRandom} bytes. A code takes one draw per character, and asking the
 * platform generator for four bytes at a time cost a lock, a read of its entropy source and a digest each: a
 * third of a generation worker's CPU. One request per block keeps the codes as unpredictable at a fraction of it.
 * Not thread-safe: one per thread.
 */
final class BlockRandom implements RandomGenerator {

    private static final int BLOCK = 4096;

    private final SecureRandom source;
    private final byte[] block = new byte[BLOCK];
    private int next = BLOCK;

    BlockRandom(SecureRandom source) {
        this.source = source;
    }

    @Override
    public int nextInt() {
        if (next + Integer.BYTES > BLOCK) {
            source.nextBytes(block);
            next = 0;
        }
        int value = (block[next] & 0xff) << 24 | (block[next + 1] & 0xff) << 16 | (block[next + 2] & 0xff) << 8
            | block[next + 3] & 0xff;
        next += Integer.BYTES;
        return value;
    }

    @Override
    public long nextLong() {
        return (long) nextInt() << 32 | nextInt() & 0xffffffffL;
    }
}
