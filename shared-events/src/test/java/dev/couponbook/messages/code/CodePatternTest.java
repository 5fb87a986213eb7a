package dev.couponbook.messages.code;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pattern language: what it accepts, what it counts and what it generates. */
class CodePatternTest {

    @Test
    void canGenerateCodesWithAPrefixAndDefaultCharacters() {
        CodePattern pattern = CodePattern.parse("SUMMER-#{6}");
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String code = pattern.generate(random);
            assertThat(code).startsWith("SUMMER-").hasSize(13);
            assertThat(code.substring(7)).matches("[A-HJ-NP-Z2-9]{6}");
            assertThat(pattern.matches(code)).isTrue();
        }
    }

    @Test
    void canCountTheCodesOfAPattern() {
        assertThat(CodePattern.parse("A-#").capacity()).isEqualTo(BigInteger.valueOf(32));
        assertThat(CodePattern.parse("[0-9]{4}").capacity()).isEqualTo(BigInteger.valueOf(10_000));
        assertThat(CodePattern.parse("[A-C0-1]x[ab]").capacity()).isEqualTo(BigInteger.valueOf(10));
        assertThat(CodePattern.parse(CodePattern.DEFAULT).capacity()).isEqualTo(BigInteger.valueOf(32).pow(10));
    }

    @Test
    void canUseACustomCharsetWithRanges() {
        CodePattern pattern = CodePattern.parse("X[A-F0-9]{8}Y");
        SplittableRandom random = new SplittableRandom(7);
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = pattern.generate(random);
            assertThat(code).matches("X[A-F0-9]{8}Y");
            code.substring(1, 9).chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(16);
    }

    @Test
    void canEscapeADashInASet() {
        CodePattern pattern = CodePattern.parse("A[\\-B]");
        assertThat(pattern.matches("A-")).isTrue();
        assertThat(pattern.matches("AB")).isTrue();
    }

    /** Such codes could be neither locked nor assigned by code (uploads refuse them too), or start like a spreadsheet formula. */
    @Test
    void cannotDescribeCodesOutsideTheUploadRulesOrStartingLikeAFormula() {
        for (String bad : new String[]{"+#{6}", "=#{6}", "-#{6}", "_#{6}", "@#{6}", "[-A]#{6}", "[A_]#{6}", "VIP\\##{8}",
                "A+#{6}", "A=B#{4}", "A,#{6}", "A\"#{6}", "A'#{6}", "A@#{6}"}) {
            assertThatThrownBy(() -> CodePattern.parse(bad)).as(bad)
                    .isInstanceOf(DomainException.class)
                    .hasFieldOrPropertyWithValue("refusal", Refusal.INVALID_PATTERN);
        }
        assertThat(CodePattern.parse("A-_#{6}").matches("A-_ABCDEF")).isTrue();
    }

    @Test
    void cannotMatchCodesOfAnotherShape() {
        CodePattern pattern = CodePattern.parse("AB-##");
        assertThat(pattern.matches("AB-XY")).isTrue();
        assertThat(pattern.matches("AB-X0")).isFalse();
        assertThat(pattern.matches("AB-XYZ")).isFalse();
        assertThat(pattern.matches("ab-XY")).isFalse();
        assertThat(pattern.matches(null)).isFalse();
    }

    @Test
    void cannotParseMalformedPatterns() {
        for (String bad : new String[]{"", "A[BC", "A{3}", "#{0}", "#{65}", "#{x}", "[Z-A]", "[]", "A/B", "A B",
                "ends\\", "#{3", "}", "ü#"}) {
            assertThatThrownBy(() -> CodePattern.parse(bad)).as(bad)
                    .isInstanceOf(DomainException.class)
                    .hasFieldOrPropertyWithValue("refusal", Refusal.INVALID_PATTERN);
        }
    }

    @Test
    void cannotDescribeCodesLongerThanTheLimit() {
        assertThatThrownBy(() -> CodePattern.parse("#{60}ABCDE")).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("refusal", Refusal.INVALID_PATTERN).hasMessageContaining("longer than 64");
        assertThat(CodePattern.parse("#{60}ABCD").codeLength()).isEqualTo(64);
    }

    @Test
    void cannotPromiseMoreCodesThanTheHeadroomAllows() {
        CodePattern pattern = CodePattern.parse("[0-9]{3}");
        assertThat(pattern.requireRoomFor(100)).isSameAs(pattern);
        assertThatThrownBy(() -> pattern.requireRoomFor(101)).isInstanceOf(DomainException.class)
                .hasFieldOrPropertyWithValue("refusal", Refusal.PATTERN_TOO_SMALL);
    }

    @Test
    void canFallBackToTheBookPatternThenTheDefault() {
        assertThat(CodePattern.resolve("A#", "B#")).hasToString("A#");
        assertThat(CodePattern.resolve(null, "B#")).hasToString("B#");
        assertThat(CodePattern.resolve(null, null)).hasToString(CodePattern.DEFAULT);
    }
}
