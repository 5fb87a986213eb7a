package dev.couponbook.generation;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Serves draws from blocks of {@link SecureRandom} bytes. A code takes one draw per character, and asking the
 * platform generator for four bytes at a time cost a lock, a read of its entropy source and a digest each: a
 * third of a generation worker's CPU. One request per block, and one byte per character, keep the codes as
 * unpredictable at a fraction of it.
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
        return nextByte() << 24 | nextByte() << 16 | nextByte() << 8 | nextByte();
    }

    /** Below a bound of at most 256 (a code's alphabet), one byte a draw: bytes past the last whole multiple are redrawn. */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0 || bound > 256) {
            return RandomGenerator.super.nextInt(bound);
        }
        int limit = 256 - 256 % bound;
        int value;
        do {
            value = nextByte();
        } while (value >= limit);
        return value % bound;
    }

    @Override
    public long nextLong() {
        return (long) nextInt() << 32 | nextInt() & 0xffffffffL;
    }

    private int nextByte() {
        if (next == BLOCK) {
            source.nextBytes(block);
            next = 0;
        }
        return block[next++] & 0xff;
    }
}
