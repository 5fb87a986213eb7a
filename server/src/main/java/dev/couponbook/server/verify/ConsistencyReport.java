package dev.couponbook.server.verify;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of holding the read models and the code pools against a recount of the event
 * history: {@code consistent} only when every check ran, none found a difference and no event
 * arrived while it ran.
 */
public record ConsistencyReport(
        boolean consistent,
        String scope,
        Instant checkedAt,
        long eventsRead,
        boolean storeChangedDuringCheck,
        int books,
        long codes,
        List<Check> checks,
        List<Finding> findings,
        boolean findingsTruncated) {

    /** One comparison: how many items it held against the history, how many differed, and why it was skipped if it was. */
    public record Check(String name, long compared, long mismatches, String skipped) {
    }

    /** One difference: what the history says and what the checked store holds. */
    public record Finding(String check, String subject, String field, String expected, String actual) {
    }
}
