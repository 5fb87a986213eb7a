package dev.couponbook.query.replay;

import java.util.List;

/**
 * How an event processor is doing: whether it runs, replays (rebuilding its read model from the
 * full history) or is stuck on an error, and how far each of its segments has read.
 * {@code replayable} is false for processors whose handlers cannot be reset, such as sagas.
 */
public record ProjectionStatus(String name, boolean running, boolean replaying, boolean caughtUp, boolean error,
                               boolean replayable, List<Segment> segments) {

    /**
     * One segment's progress; {@code position} is the global index of the newest event it has read
     * (null before the first), {@code error} its last failure.
     */
    public record Segment(int segment, boolean caughtUp, Long position, String error) {
    }
}
