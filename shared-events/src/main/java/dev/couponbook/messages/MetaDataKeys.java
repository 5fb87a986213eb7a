package dev.couponbook.messages;

/**
 * The metadata every command and event carries about its origin, so the audit trail says who did
 * what: the caller's opaque account id and roles (never an email), the client's user agent, the
 * correlation id shared by everything one request caused, and the id of the causing message.
 */
public final class MetaDataKeys {

    public static final String USER_ID = "userId";
    public static final String ROLES = "roles";
    public static final String CLIENT = "client";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";

    private MetaDataKeys() {
    }
}
