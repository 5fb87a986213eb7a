package dev.couponbook.command;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.regex.Pattern;

/** Who sends a request: the token's opaque subject and whether they are an admin, who may act for any user. */
public record Caller(String userId, boolean admin) {

    private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /** The caller of a verified token; a subject that could not be stored in events is refused. */
    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new Caller(requireValid(jwt.getSubject()), roles != null && roles.contains("ADMIN"));
    }

    /** The user the request acts for: the caller unless an admin names someone else. */
    public String actingFor(String requestedUserId) {
        if (requestedUserId == null || requestedUserId.equals(userId)) {
            return userId;
        }
        if (!admin) {
            throw new DomainException(Refusal.FORBIDDEN_USER);
        }
        return requireValid(requestedUserId);
    }

    /** Whether {@code userId} can be stored as a user id: 1 to 128 visible ASCII characters. */
    public static boolean validUserId(String userId) {
        return userId != null && USER_ID.matcher(userId).matches();
    }

    private static String requireValid(String userId) {
        if (!validUserId(userId)) {
            throw new DomainException(Refusal.INVALID_USER_ID);
        }
        return userId;
    }
}
