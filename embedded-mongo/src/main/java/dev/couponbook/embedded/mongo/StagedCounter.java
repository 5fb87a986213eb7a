package dev.couponbook.embedded.mongo;

/**
 * A counter kept with a persistent store's pending writes: the part applied to the store, the part for complete
 * documents in the pending batch, and the part for the document being written, which a failure drops.
 */
final class StagedCounter {

    private long applied;
    private long completed;
    private long pending;

    StagedCounter(long applied) {
        this.applied = applied;
    }

    void add(long delta) {
        pending += delta;
    }

    /** The value the reads of the current command see. */
    long value() {
        return applied + completed + pending;
    }

    /** The value once the pending batch is applied, without the document being written. */
    long completedValue() {
        return applied + completed;
    }

    boolean hasCompletedChanges() {
        return completed != 0;
    }

    void complete() {
        completed += pending;
        pending = 0;
    }

    void discard() {
        pending = 0;
    }

    void apply() {
        applied += completed;
        completed = 0;
    }

    void reset() {
        applied = 0;
        completed = 0;
        pending = 0;
    }
}
