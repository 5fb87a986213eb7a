package dev.couponbook.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What text may go into an event, so that every read model can store it as it is: no NUL or
 * other control characters (tab, line feed and carriage return only in free text), no lone
 * UTF-16 surrogates (they cannot be encoded as UTF-8), and, for keys chosen by a client, no
 * leading {@code $} and no {@code .}, which MongoDB reads as operators and paths. Events are
 * for ever, so the rule is checked at the edge, and {@link #repaired} brings text stored before
 * the rule existed into the same shape.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Free text: a name, a description, a metadata value. */
    public static boolean text(String value) {
        return value == null || firstInvalid(value, true) < 0;
    }

    /** A key chosen by a client, such as a metadata key: non-empty, single-line, no {@code $} prefix or dot. */
    public static boolean key(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("$") && value.indexOf('.') < 0
                && firstInvalid(value, false) < 0;
    }

    /** {@code value} with what the rule refuses taken out, cut to {@code maxLength} characters. */
    public static String repaired(String value, boolean freeText, int maxLength) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(value.length(), maxLength));
        for (int i = 0; i < value.length() && kept.length() < maxLength; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (kept.length() + 2 <= maxLength) {
                    kept.append(c).append(value.charAt(++i));
                } else {
                    break;
                }
            } else if (allowed(c, freeText) && !Character.isSurrogate(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }

    /** {@code metadata} as the edge admits it now: repaired keys and values, at most {@code maxEntries}, first key wins. */
    public static Map<String, String> repaired(Map<String, String> metadata, int maxEntries, int maxKey, int maxValue) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (metadata == null) {
            return kept;
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = repaired(entry.getKey(), false, maxKey);
            key = key.startsWith("$") ? key.replaceFirst("^\\$+", "") : key;
            key = key.replace('.', '_');
            if (!key.isEmpty() && kept.size() < maxEntries) {
                kept.putIfAbsent(key, repaired(entry.getValue() == null ? "" : entry.getValue(), true, maxValue));
            }
        }
        return kept;
    }

    private static int firstInvalid(String value, boolean freeText) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || !allowed(c, freeText)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allowed(char c, boolean freeText) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return freeText;
        }
        return !Character.isISOControl(c);
    }
}
