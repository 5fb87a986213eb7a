package dev.couponbook.messages.code;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The shape of generated codes: literal characters and placeholders, each placeholder standing
 * for one random character of a charset. The language (documented in {@code docs/api.md}):
 * <ul>
 *   <li>{@code #}: one character of the default charset, upper-case letters and digits without
 *       the look-alikes 0, O, 1 and I;</li>
 *   <li>{@code [A-F0-9]}: one character of the listed characters and ranges;</li>
 *   <li>{@code {n}} after a placeholder: n of them;</li>
 *   <li>{@code \c}: the character c taken literally, for {@code -} in a set;</li>
 *   <li>anything else: itself, so a prefix or suffix is just literal text around the placeholders.</li>
 * </ul>
 * Codes hold {@code A-Z a-z 0-9 - _}, as uploaded ones do, so every code can be named in a URL
 * and a Redis key without escaping, and begin with a letter or digit, so no code is read as a
 * formula when an export is opened in a spreadsheet.
 */
public final class CodePattern {

    /** Upper-case letters and digits without 0, O, 1 and I, which readers confuse. */
    public static final String DEFAULT_CHARSET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    /** Ten default characters: 32^10 ≈ 10^15 codes, so a million codes are one in a billion to guess. */
    public static final String DEFAULT = "#{10}";
    public static final int MAX_PATTERN_LENGTH = 100;
    public static final int MAX_CODE_LENGTH = 64;
    /** A job must leave the pattern this many times more codes than it asks for, so random picks rarely collide. */
    public static final int REQUIRED_HEADROOM = 10;

    private final String source;
    private final char[][] positions;

    private CodePattern(String source, char[][] positions) {
        this.source = source;
        this.positions = positions;
    }

    /** Reads {@code pattern}, or throws {@link InvalidInput} saying what is wrong and where. */
    public static CodePattern parse(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            throw invalid("pattern must not be empty");
        }
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw invalid("pattern must have at most " + MAX_PATTERN_LENGTH + " characters");
        }
        return new Parser(pattern).parse();
    }

    /** The pattern of a job: the one asked for, else the book's, else {@link #DEFAULT}. */
    public static CodePattern resolve(String requested, String bookDefault) {
        return parse(requested != null ? requested : bookDefault != null ? bookDefault : DEFAULT);
    }

    /** How many distinct codes this pattern can produce. */
    public BigInteger capacity() {
        BigInteger capacity = BigInteger.ONE;
        for (char[] choices : positions) {
            capacity = capacity.multiply(BigInteger.valueOf(choices.length));
        }
        return capacity;
    }

    /** Throws {@link InvalidInput} unless the pattern holds {@link #REQUIRED_HEADROOM} times {@code count} codes. */
    public CodePattern requireRoomFor(long count) {
        BigInteger needed = BigInteger.valueOf(count).multiply(BigInteger.valueOf(REQUIRED_HEADROOM));
        if (capacity().compareTo(needed) < 0) {
            throw new DomainException(Refusal.PATTERN_TOO_SMALL, "pattern " + source + " holds " + capacity()
                    + " codes; " + count + " codes need a pattern with at least " + needed);
        }
        return this;
    }

    /** Whether {@code code} is one of the codes this pattern can produce. */
    public boolean matches(String code) {
        if (code == null || code.length() != positions.length) {
            return false;
        }
        for (int i = 0; i < positions.length; i++) {
            if (!contains(positions[i], code.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A code drawn uniformly from this pattern's codes. */
    public String generate(RandomGenerator random) {
        char[] code = new char[positions.length];
        for (int i = 0; i < positions.length; i++) {
            char[] choices = positions[i];
            code[i] = choices.length == 1 ? choices[0] : choices[random.nextInt(choices.length)];
        }
        return new String(code);
    }

    public int codeLength() {
        return positions.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodePattern pattern && source.equals(pattern.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return source;
    }

    private static boolean contains(char[] choices, char c) {
        for (char choice : choices) {
            if (choice == c) {
                return true;
            }
        }
        return false;
    }

    private static DomainException invalid(String message) {
        return new DomainException(Refusal.INVALID_PATTERN, message);
    }

    /** A one-pass reader of the pattern language. */
    private static final class Parser {
        private final String source;
        private final List<char[]> positions = new ArrayList<>();
        private int at;

        private Parser(String source) {
            this.source = source;
        }

        private CodePattern parse() {
            while (at < source.length()) {
                char c = source.charAt(at);
                if (c == '#') {
                    at++;
                    placeholder(DEFAULT_CHARSET.toCharArray());
                } else if (c == '[') {
                    at++;
                    placeholder(charset());
                } else if (c == '\\') {
                    add(new char[]{escaped()});
                } else if (c == ']' || c == '{' || c == '}') {
                    throw error("'" + c + "' must be escaped as \\" + c);
                } else {
                    add(new char[]{codeChar(c)});
                    at++;
                }
            }
            for (char first : positions.isEmpty() ? new char[0] : positions.get(0)) {
                if (!Character.isLetterOrDigit(first)) {
                    at = 0;
                    throw error("a code must begin with a letter or digit, not '" + first + "'");
                }
            }
            return new CodePattern(source, positions.toArray(char[][]::new));
        }

        private void placeholder(char[] choices) {
            int times = 1;
            if (at < source.length() && source.charAt(at) == '{') {
                int close = source.indexOf('}', at);
                if (close < 0) {
                    throw error("'{' has no closing '}'");
                }
                String digits = source.substring(at + 1, close);
                if (!digits.matches("[0-9]{1,2}")) {
                    throw error("a repetition is {n} with n from 1 to " + MAX_CODE_LENGTH);
                }
                times = Integer.parseInt(digits);
                if (times < 1) {
                    throw error("a repetition is {n} with n from 1 to " + MAX_CODE_LENGTH);
                }
                at = close + 1;
            }
            for (int i = 0; i < times; i++) {
                add(choices);
            }
        }

        private char[] charset() {
            int start = at - 1;
            BitSet members = new BitSet(128);
            while (true) {
                if (at >= source.length()) {
                    at = start;
                    throw error("'[' has no closing ']'");
                }
                char c = source.charAt(at);
                if (c == ']') {
                    at++;
                    break;
                }
                char from = c == '\\' ? escaped() : codeChar(source.charAt(at++));
                if (at + 1 < source.length() && source.charAt(at) == '-' && source.charAt(at + 1) != ']') {
                    at++;
                    char to = source.charAt(at) == '\\' ? escaped() : codeChar(source.charAt(at++));
                    if (to < from) {
                        throw error("range " + from + "-" + to + " runs backwards");
                    }
                    members.set(from, to + 1);
                } else {
                    members.set(from);
                }
            }
            if (members.isEmpty()) {
                throw error("'[]' lists no characters");
            }
            char[] choices = new char[members.cardinality()];
            int i = 0;
            for (int c = members.nextSetBit(0); c >= 0; c = members.nextSetBit(c + 1)) {
                choices[i++] = codeChar((char) c);
            }
            return choices;
        }

        private char escaped() {
            if (at + 1 >= source.length()) {
                throw error("'\\' must be followed by the character it escapes");
            }
            char c = source.charAt(at + 1);
            at += 2;
            return codeChar(c);
        }

        private char codeChar(char c) {
            boolean allowed = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_';
            if (!allowed) {
                throw error("'" + c + "' cannot appear in a code (A-Z a-z 0-9 - _)");
            }
            return c;
        }

        private void add(char[] choices) {
            if (positions.size() == MAX_CODE_LENGTH) {
                throw invalid("codes of this pattern would be longer than " + MAX_CODE_LENGTH + " characters");
            }
            positions.add(choices);
        }

        private DomainException error(String message) {
            return invalid("pattern " + source + " at position " + (at + 1) + ": " + message);
        }
    }
}
