package dev.couponbook.messages.couponbook;

import java.time.Instant;
import java.util.Map;

/**
 * One code of a book with where it stands; holder fields are null while the code is available.
 * {@code expiresAt} is the code's own expiry until it is assigned, then the coupon's (which may be
 * earlier under the book's validity after assignment); {@code metadata} is what its upload said.
 */
public record BookCodeView(
        String code,
        String bookId,
        CodeStatus status,
        String userId,
        Instant assignedAt,
        Instant lockedUntil,
        int redemptions,
        Instant expiresAt,
        boolean disabled,
        Map<String, String> metadata) {

    public BookCodeView {
        metadata = metadata == null ? Map.of() : metadata;
    }

    /** A code without expiry or metadata, enabled. */
    public BookCodeView(String code, String bookId, CodeStatus status, String userId, Instant assignedAt,
                        Instant lockedUntil, int redemptions) {
        this(code, bookId, status, userId, assignedAt, lockedUntil, redemptions, null, false, Map.of());
    }
}
