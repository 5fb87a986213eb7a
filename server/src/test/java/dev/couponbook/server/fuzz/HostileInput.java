package dev.couponbook.server.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Generates hostile request bodies and path segments from a fixed seed: huge and
 * control-character strings, unicode, extreme numbers, wrong types, deep nesting, broken JSON,
 * and objects whose fields are the endpoint's real ones filled with any of those.
 */
final class HostileInput {

    private static final List<String> SPECIAL_STRINGS = List.of("", " ", "null", "../../etc/passwd", "%00",
            "'; DROP TABLE x;--", "{\"$gt\": \"\"}", "<script>alert(1)</script>", "\uD83D\uDCA5", "\uFEFF",
            "2026-13-45T99:99:99Z", "\u202Eevil");
    private static final List<String> SPECIAL_NUMBERS = List.of("-1", "0", "1e309", "-1e309", "9223372036854775808",
            "1.5", "NaN", "-0", "123456789012345678901234567890", "2147483648");

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** A JSON text that is any value at all, or not JSON. */
    String anyBody() {
        return switch (random.nextInt(7)) {
            case 0 -> quoted(anyString());
            case 1 -> anyNumberText();
            case 2 -> "[" + anyNumberText() + "," + quoted(anyString()) + "]";
            case 3 -> nested(random.nextInt(2_000) + 1);
            case 4 -> "{\"a\":" + anyString();
            case 5 -> random.nextBoolean() ? "true" : "null";
            default -> anyString();
        };
    }

    /** A JSON object with the given fields, each holding a hostile value of any type. */
    String objectWith(List<String> fields) {
        return fields.stream()
                .filter(field -> random.nextInt(4) != 0)
                .map(field -> quoted(field) + ":" + anyValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** A percent-encoded path segment that is no valid id. */
    String pathSegment() {
        StringBuilder encoded = new StringBuilder();
        anyString().codePoints().limit(200).forEach(cp -> {
            if (cp < 128 && Character.isLetterOrDigit(cp)) {
                encoded.appendCodePoint(cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    encoded.append('%').append(String.format("%02X", b));
                }
            }
        });
        return encoded.isEmpty() ? "x" : encoded.toString();
    }

    String anyNumberText() {
        return random.nextBoolean() ? pick(SPECIAL_NUMBERS) : Long.toString(random.nextLong());
    }

    private String anyString() {
        return switch (random.nextInt(5)) {
            case 0 -> pick(SPECIAL_STRINGS);
            case 1 -> chars(random.nextInt(16) + 1, 0x00, 0x1f);
            case 2 -> chars(random.nextInt(32), 0x100, 0xd7ff);
            case 3 -> chars(5_000 + random.nextInt(15_000), 0x20, 0x7e);
            default -> chars(random.nextInt(64), 0x00, 0x7f);
        };
    }

    private String chars(int length, int from, int to) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (from + random.nextInt(to - from + 1)));
        }
        return text.toString();
    }

    private String anyValue() {
        return switch (random.nextInt(6)) {
            case 0 -> quoted(anyString());
            case 1 -> anyNumberText();
            case 2 -> random.nextBoolean() ? "true" : "false";
            case 3 -> "null";
            case 4 -> "[" + anyNumberText() + "]";
            default -> nested(random.nextInt(50) + 1);
        };
    }

    private String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        text.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                json.append('\\').append((char) c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", c));
            } else {
                json.append((char) c);
            }
        });
        return json.append('"').toString();
    }
}
