package dev.couponbook.command;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Who sends a request: the token's opaque subject, whether they are an admin, who may act for any
 * user, and whether they are a service account (a shop backend), which acts only for the user
 * it names, with that user's rights.
 */
public record Caller(String userId, boolean admin, boolean service) {

    /** The role of a service account's tokens. */
    public static final String SERVICE_ROLE = "SERVICE";

    private static final Pattern USER_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    /** The caller of a verified token; a subject that could not be stored in events is refused. */
    public static Caller of(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        return new Caller(requireValid(jwt.getSubject()), roles != null && roles.contains("ADMIN"),
                roles != null && roles.contains(SERVICE_ROLE));
    }

    /** The user the request acts for: the caller unless an admin or a service account names someone else. */
    public String actingFor(String requestedUserId) {
        if (service) {
            if (requestedUserId == null) {
                throw new DomainException(Refusal.USER_ID_REQUIRED);
            }
            return requireValid(requestedUserId);
        }
        if (requestedUserId == null || requestedUserId.equals(userId)) {
            return userId;
        }
        if (!admin) {
            throw new DomainException(Refusal.FORBIDDEN_USER);
        }
        return requireValid(requestedUserId);
    }

    /**
     * Who performs a holder's action (lock, unlock, redeem): a service account becomes the user it
     * names, with exactly that user's rights; anyone else acts as themselves and may name only themselves.
     */
    public Caller holderAction(String requestedUserId) {
        if (service) {
            return new Caller(actingFor(requestedUserId), false, false);
        }
        if (requestedUserId != null && !requestedUserId.equals(userId)) {
            throw new DomainException(Refusal.FORBIDDEN_USER,
                    "userId names someone else; only a service account acts for a holder");
        }
        return this;
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
