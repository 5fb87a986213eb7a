package dev.couponbook.messages.couponbook;

import java.time.Instant;

/** One code of a book with where it stands; holder fields are null while the code is available. */
public record BookCodeView(
        String code,
        String bookId,
        CodeStatus status,
        String userId,
        Instant assignedAt,
        Instant lockedUntil,
        int redemptions) {
}
