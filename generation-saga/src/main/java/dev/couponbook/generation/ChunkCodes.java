package dev.couponbook.generation;

import dev.couponbook.messages.code.CodePattern;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Draws the codes of one chunk: distinct among themselves, and fresh ones in place of codes the registry refused. */
final class ChunkCodes {

    /** Draws per wanted code before giving up; a pattern with ten times the job's codes needs about one. */
    private static final int DRAWS_PER_CODE = 50;

    private ChunkCodes() {
    }

    /** {@code size} distinct codes of {@code pattern}. */
    static List<String> draw(CodePattern pattern, int size, RandomGenerator random) {
        return replace(List.of(), List.of(), size, pattern, random);
    }

    /**
     * {@code codes} with each of {@code refused} replaced by a code not drawn before in this chunk,
     * topped up to {@code size}; order is kept so a retry re-claims the same surviving codes.
     */
    static List<String> replace(List<String> codes, Collection<String> refused, int size, CodePattern pattern,
                                RandomGenerator random) {
        Set<String> seen = new HashSet<>(codes);
        seen.addAll(refused);
        Set<String> dropped = new HashSet<>(refused);
        List<String> result = new ArrayList<>(size);
        for (String code : codes) {
            if (!dropped.contains(code)) {
                result.add(code);
            }
        }
        long draws = (long) DRAWS_PER_CODE * (size - result.size());
        while (result.size() < size) {
            if (draws-- <= 0) {
                throw new PatternExhausted("pattern " + pattern + " yields too few fresh codes for a chunk of " + size);
            }
            String code = pattern.generate(random);
            if (seen.add(code)) {
                result.add(code);
            }
        }
        return result;
    }

    /** The pattern cannot supply the codes the chunk still needs: retrying will not help. */
    static final class PatternExhausted extends RuntimeException {
        PatternExhausted(String message) {
            super(message, null, false, false);
        }
    }
}
