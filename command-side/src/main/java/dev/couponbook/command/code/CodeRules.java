package dev.couponbook.command.code;

import java.util.regex.Pattern;

/**
 * Which strings can be coupon codes: 4 to 64 characters from {@code A-Z a-z 0-9 - _}. Codes
 * appear in URLs, Redis keys and aggregate ids, so nothing that needs escaping is allowed;
 * letters keep their case, so {@code ab12} and {@code AB12} are different codes.
 */
public final class CodeRules {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 64;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{" + MIN_LENGTH + "," + MAX_LENGTH + "}");

    private CodeRules() {
    }

    public static boolean valid(String code) {
        return code != null && CODE.matcher(code).matches();
    }
}
