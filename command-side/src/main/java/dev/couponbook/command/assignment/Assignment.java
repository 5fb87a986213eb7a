package dev.couponbook.command.assignment;

import java.time.Instant;

/** A code given to a user, as the caller of an assignment sees it. */
public record Assignment(String code, String bookId, String userId, Instant assignedAt) {
}
