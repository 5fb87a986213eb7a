package dev.couponbook.query.generation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeGenerationCompleted;
import dev.couponbook.messages.couponbook.CodeGenerationFailed;
import dev.couponbook.messages.couponbook.CodeGenerationRequested;
import dev.couponbook.messages.couponbook.GenerationJobStatus;
import dev.couponbook.query.readmodel.SequenceGuard;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Keeps one document per generation job in {@code generation_jobs}. A job's events live in its
 * book's stream, so each update is guarded by the event's sequence number in that stream and a
 * redelivered or replayed event changes nothing.
 */
@Component
@ProcessingGroup(GenerationJobProjection.PROCESSING_GROUP)
public class GenerationJobProjection {

    public static final String PROCESSING_GROUP = "generation-jobs";

    private final MongoCollection<Document> jobs;

    public GenerationJobProjection(MongoTemplate mongo) {
        this.jobs = GenerationJobDocument.COLLECTION.in(mongo);
    }

    @EventHandler
    void on(CodeGenerationRequested event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jobs.updateOne(Filters.eq(GenerationJobDocument.JOB_ID, event.jobId()),
                Updates.combine(
                        Updates.setOnInsert(GenerationJobDocument.BOOK_ID, event.bookId()),
                        Updates.setOnInsert(GenerationJobDocument.STATUS, GenerationJobStatus.PENDING.name()),
                        Updates.setOnInsert(GenerationJobDocument.REQUESTED, event.count()),
                        Updates.setOnInsert(GenerationJobDocument.GENERATED, 0L),
                        Updates.setOnInsert(GenerationJobDocument.PATTERN, event.pattern()),
                        Updates.setOnInsert(GenerationJobDocument.REQUESTED_AT, Date.from(at)),
                        SequenceGuard.createdBy(sequence)),
                new UpdateOptions().upsert(true));
    }

    /** A book records no chunk of a finished job, so a chunk always means the job is running. */
    @EventHandler
    void on(CodeChunkGenerated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        applyOnce(event.jobId(), sequence, Updates.combine(
                Updates.set(GenerationJobDocument.STATUS, GenerationJobStatus.RUNNING.name()),
                Updates.inc(GenerationJobDocument.GENERATED, (long) event.codes().size()),
                Updates.min(GenerationJobDocument.STARTED_AT, Date.from(at))));
    }

    @EventHandler
    void on(CodeGenerationCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        finish(event.jobId(), sequence, at, GenerationJobStatus.COMPLETED, event.generated());
    }

    @EventHandler
    void on(CodeGenerationFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        finish(event.jobId(), sequence, at, GenerationJobStatus.FAILED, event.generated(),
                Updates.set(GenerationJobDocument.FAILURE_REASON, event.reason()));
    }

    @ResetHandler
    void reset() {
        jobs.deleteMany(new Document());
    }

    private void finish(String jobId, long sequence, Instant at, GenerationJobStatus status, long generated,
                        Bson... more) {
        List<Bson> changes = new ArrayList<>(List.of(more));
        changes.add(Updates.set(GenerationJobDocument.STATUS, status.name()));
        changes.add(Updates.set(GenerationJobDocument.GENERATED, generated));
        changes.add(Updates.set(GenerationJobDocument.FINISHED_AT, Date.from(at)));
        applyOnce(jobId, sequence, Updates.combine(changes));
    }

    private void applyOnce(String jobId, long sequence, Bson change) {
        jobs.updateOne(SequenceGuard.notYetApplied(jobId, sequence),
                SequenceGuard.applied(change, sequence));
    }
}
