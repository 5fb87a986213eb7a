package dev.couponbook.command.couponbook;

import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.command.Storable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Body of {@code POST /api/v1/coupon-books/{bookId}/generation-jobs}; without a pattern the book's
 * (or the default) applies; {@code expiresAt}, when set, is the expiry of every code of the job.
 */
public record GenerationJobRequest(
        @NotNull @Positive Long count,
        @Size(min = 1, max = CodePattern.MAX_PATTERN_LENGTH) @Storable String pattern,
        Instant expiresAt) {
}
