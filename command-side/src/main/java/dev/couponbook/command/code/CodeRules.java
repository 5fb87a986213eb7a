package dev.couponbook.command.code;

import java.util.regex.Pattern;

/**
 * Which strings can be coupon codes: 4 to 64 characters from {@code A-Z a-z 0-9 - _}. Codes
 * appear in URLs, Redis keys and aggregate ids, so nothing that needs escaping is allowed;
 * letters keep their case, so {@code ab12} and {@code AB12} are different codes. A new code
 * (uploaded or generated) also begins with a letter or digit, so that no code starts like a
 * spreadsheet formula ({@code -}); codes stored before that rule can still be named.
 */
public final class CodeRules {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 64;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");
    private static final Pattern NEW_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{" + (MIN_LENGTH - 1) + "," + (MAX_LENGTH - 1) + "}");

    private CodeRules() {
    }

    /** Whether {@code code} can name a code, including one stored before codes had to begin with a letter or digit. */
    public static boolean valid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** Whether {@code code} may be added to a book now. */
    public static boolean acceptable(String code) {
        return code != null && NEW_CODE.matcher(code).matches();
    }
}
