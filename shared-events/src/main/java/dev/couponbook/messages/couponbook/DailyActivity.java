package dev.couponbook.messages.couponbook;

import java.time.LocalDate;

/** Assignments and redemptions of a book on one UTC day. */
public record DailyActivity(LocalDate day, long assignments, long redemptions) {
}
