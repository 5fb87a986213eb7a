package dev.couponbook.generation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeGenerationCompleted;
import dev.couponbook.messages.couponbook.CodeGenerationFailed;
import dev.couponbook.messages.couponbook.CodeGenerationRequested;
import dev.couponbook.messages.couponbook.CompleteCodeGeneration;
import dev.couponbook.messages.couponbook.FailCodeGeneration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Drives one generation job: publishes its chunks to the workers a window at a time, notes each
 * recorded chunk, re-publishes chunks that stay unrecorded through a whole sweep interval, and
 * completes the job when every chunk is recorded (or fails it when no chunk gets recorded for too
 * long). The book decides what is recorded; the saga only paces the work, so a duplicate message
 * costs a little time and nothing else.
 *
 * <p>The state is stored after every event, so it is kept small: chunk sets are bit sets (a
 * million codes in chunks of 1000 take 16 longs), never lists of chunks.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class CodeGenerationSaga {

    static final String SWEEP = "generation-sweep";

    private static final Logger log = LoggerFactory.getLogger(CodeGenerationSaga.class);

    private String bookId;
    private String jobId;
    private String pattern;
    private long count;
    private int chunkSize;
    private int chunkCount;
    /** Chunks below this number were published at least once. */
    private int published;
    private long[] recorded = {};
    /** Chunks that were outstanding at the last sweep: still unrecorded at the next one, they are re-published. */
    private long[] suspects = {};
    private boolean progressSinceSweep;
    private int idleSweeps;
    /** The next sweep's schedule id, to cancel it when the job ends: the persistent manager cancels by id only. */
    private String nextSweep;

    @StartSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(CodeGenerationRequested event, ChunkPublisher publisher, GenerationSettings settings,
            DeadlineManager deadlines) {
        bookId = event.bookId();
        jobId = event.jobId();
        pattern = event.pattern();
        count = event.count();
        chunkSize = event.chunkSize();
        chunkCount = event.chunkCount();
        topUp(publisher, settings, new BitSet());
        scheduleSweep(deadlines, settings);
    }

    @SagaEventHandler(associationProperty = "jobId")
    void on(CodeChunkGenerated event, ChunkPublisher publisher, GenerationSettings settings, CommandGateway commands) {
        BitSet done = BitSet.valueOf(recorded);
        if (done.get(event.chunkNo())) {
            return;
        }
        done.set(event.chunkNo());
        recorded = done.toLongArray();
        progressSinceSweep = true;
        if (done.cardinality() == chunkCount) {
            complete(commands);
        } else {
            topUp(publisher, settings, done);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(CodeGenerationCompleted event, DeadlineManager deadlines) {
        cancelSweep(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "jobId")
    void on(CodeGenerationFailed event, DeadlineManager deadlines) {
        cancelSweep(deadlines);
    }

    @DeadlineHandler(deadlineName = SWEEP)
    void on(SweepDue sweep, ChunkPublisher publisher, GenerationSettings settings, DeadlineManager deadlines,
               CommandGateway commands) {
        BitSet done = BitSet.valueOf(recorded);
        if (done.cardinality() == chunkCount) {
            complete(commands);
            scheduleSweep(deadlines, settings);
            return;
        }
        BitSet timedOut = BitSet.valueOf(suspects);
        timedOut.andNot(done);
        boolean republished = !timedOut.isEmpty() && publish(publisher, timedOut);
        if (progressSinceSweep) {
            idleSweeps = 0;
        } else if (republished) {
            idleSweeps++;
        }
        progressSinceSweep = false;
        if (idleSweeps > settings.maxIdleSweeps()) {
            fail(commands, "no chunk was recorded during " + idleSweeps + " sweeps of " + settings.chunkTimeout()
                    + " while chunks were re-published; are workers running?");
        }
        topUp(publisher, settings, done);
        BitSet outstanding = outstanding(done);
        if (republished) {
            outstanding.andNot(timedOut);
        }
        suspects = outstanding.toLongArray();
        scheduleSweep(deadlines, settings);
    }

    private void scheduleSweep(DeadlineManager deadlines, GenerationSettings settings) {
        nextSweep = deadlines.schedule(settings.chunkTimeout(), SWEEP, new SweepDue());
    }

    private void cancelSweep(DeadlineManager deadlines) {
        if (nextSweep != null) {
            deadlines.cancelSchedule(SWEEP, nextSweep);
        }
    }

    /** The payload of a sweep deadline: Axon reads a deadline handler's first parameter as its payload. */
    record SweepDue() {
    }

    /** Publishes the next chunks when enough of the window is free; a failed publish is retried by the next sweep. */
    private void topUp(ChunkPublisher publisher, GenerationSettings settings, BitSet done) {
        int free = settings.publishWindow() - outstanding(done).cardinality();
        if (published >= chunkCount || free < Math.min(settings.refill(), chunkCount - published)) {
            return;
        }
        int end = (int) Math.min(chunkCount, (long) published + free);
        BitSet next = new BitSet();
        next.set(published, end);
        if (publish(publisher, next)) {
            published = end;
        }
    }

    private BitSet outstanding(BitSet done) {
        BitSet outstanding = new BitSet();
        outstanding.set(0, published);
        outstanding.andNot(done);
        return outstanding;
    }

    private boolean publish(ChunkPublisher publisher, BitSet chunks) {
        List<ChunkOrder> orders = new ArrayList<>(chunks.cardinality());
        for (int chunkNo = chunks.nextSetBit(0); chunkNo >= 0; chunkNo = chunks.nextSetBit(chunkNo + 1)) {
            orders.add(new ChunkOrder(bookId, jobId, chunkNo, sizeOf(chunkNo), pattern));
        }
        try {
            publisher.publish(orders);
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not publish {} chunks of generation job {}; the next sweep tries again: {}",
                    orders.size(), jobId, e.toString());
            return false;
        }
    }

    private int sizeOf(int chunkNo) {
        return chunkNo == chunkCount - 1 ? (int) (count - (long) chunkSize * (chunkCount - 1)) : chunkSize;
    }

    private void complete(CommandGateway commands) {
        commands.send(new CompleteCodeGeneration(bookId, jobId)).exceptionally(e -> {
            log.warn("Completing generation job {} failed; the next sweep tries again: {}", jobId, e.toString());
            return null;
        });
    }

    private void fail(CommandGateway commands, String reason) {
        commands.send(new FailCodeGeneration(bookId, jobId, reason)).exceptionally(e -> {
            log.warn("Failing generation job {} failed; the next sweep tries again: {}", jobId, e.toString());
            return null;
        });
    }
}
