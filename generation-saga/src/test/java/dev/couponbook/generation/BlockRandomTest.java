package dev.couponbook.generation;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class BlockRandomTest {

    /** Fills every block with 0, 1, 2, … and counts the blocks asked for. */
    private static final class CountingSource extends SecureRandom {
        final AtomicInteger blocks = new AtomicInteger();

        @Override
        public void nextBytes(byte[] bytes) {
            blocks.incrementAndGet();
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
        }
    }

    @Test
    void canServeTheSourceBytesInOrderAndAskForOneBlockPerThousandDraws() {
        CountingSource source = new CountingSource();
        BlockRandom random = new BlockRandom(source);

        assertThat(random.nextInt()).isEqualTo(0x00010203);
        assertThat(random.nextInt()).isEqualTo(0x04050607);
        assertThat(random.nextLong()).isEqualTo(0x08090a0b0c0d0e0fL);
        for (int i = 0; i < 1024 * 3 - 4; i++) {
            random.nextInt();
        }
        assertThat(source.blocks).hasValue(3);
        assertThat(random.nextInt()).as("the first draw of a fresh block").isEqualTo(0x00010203);
        assertThat(source.blocks).hasValue(4);
    }

    @Test
    void canDrawBelowASmallBoundFromOneByteAndRedrawBytesPastTheLastWholeMultiple() {
        CountingSource source = new CountingSource();
        BlockRandom random = new BlockRandom(source);
        for (int i = 0; i < 252; i++) {
            assertThat(random.nextInt(36)).isEqualTo(i % 36);
        }

        assertThat(random.nextInt(36)).as("bytes 252 to 255 are redrawn, and the byte after them is 0").isZero();
        assertThat(source.blocks).hasValue(1);
        assertThat(random.nextInt(1000)).as("a bound past a byte takes four").isBetween(0, 999);
    }

    @Test
    void canDrawEveryValueBelowABoundAboutEquallyOften() throws Exception {
        // seeded before first use, SHA1PRNG repeats its output, so this test gives the same answer on every run
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(13L);
        BlockRandom random = new BlockRandom(seeded);
        int bound = 36;
        int draws = 360_000;
        int[] counts = new int[bound];
        for (int i = 0; i < draws; i++) {
            counts[random.nextInt(bound)]++;
        }

        double expected = (double) draws / bound;
        double chiSquare = 0;
        for (int count : counts) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        // 35 degrees of freedom: a fair generator exceeds 66.6 once in a thousand seeds
        assertThat(chiSquare).isLessThan(66.6);
    }
}
