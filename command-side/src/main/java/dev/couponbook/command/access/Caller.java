package dev.couponbook.command.access;

import dev.couponbook.messages.error.Forbidden;
import dev.couponbook.messages.error.InvalidInput;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.regex.Pattern;

/** Who sends a request: the token's opaque subject and whether they are an admin, who may act for any user. */
public record Caller(String userId, boolean admin) {

    private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new Caller(jwt.getSubject(), roles != null && roles.contains("ADMIN"));
    }

    /** The user the request acts for: the caller unless an admin names someone else. */
    public String actingFor(String requestedUserId) {
        if (requestedUserId == null || requestedUserId.equals(userId)) {
            return userId;
        }
        if (!admin) {
            throw new Forbidden("FORBIDDEN_USER", "only an admin may act for another user");
        }
        if (!USER_ID.matcher(requestedUserId).matches()) {
            throw new InvalidInput("INVALID_USER_ID", "userId must be 1 to 128 visible ASCII characters");
        }
        return requestedUserId;
    }
}
