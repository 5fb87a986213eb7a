package dev.couponbook.generation;

import dev.couponbook.messages.code.CodePattern;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a worker draws a chunk's codes and replaces the ones another batch owns. */
class ChunkCodesTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void canDrawDistinctCodesEvenFromATightPattern() {
        CodePattern pattern = CodePattern.parse("[0-9]{3}");
        List<String> codes = ChunkCodes.draw(pattern, 900, random);
        assertThat(codes).hasSize(900).doesNotHaveDuplicates().allMatch(pattern::matches);
    }

    @Test
    void canReplaceOnlyTheRefusedCodesKeepingTheOrder() {
        CodePattern pattern = CodePattern.parse("#{6}");
        List<String> codes = ChunkCodes.draw(pattern, 5, random);
        List<String> refused = List.of(codes.get(1), codes.get(3));
        List<String> replaced = ChunkCodes.replace(codes, refused, 5, pattern, random);
        assertThat(replaced).hasSize(5).doesNotHaveDuplicates().doesNotContainAnyElementsOf(refused)
                .startsWith(codes.get(0), codes.get(2), codes.get(4));
    }

    @Test
    void cannotDrawMoreCodesThanThePatternHolds() {
        CodePattern pattern = CodePattern.parse("[AB]");
        assertThatThrownBy(() -> ChunkCodes.draw(pattern, 3, random)).isInstanceOf(ChunkCodes.PatternExhausted.class);
        assertThat(new HashSet<>(ChunkCodes.draw(pattern, 2, random))).containsExactlyInAnyOrder("A", "B");
    }
}
