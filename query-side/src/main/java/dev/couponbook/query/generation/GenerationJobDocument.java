package dev.couponbook.query.generation;

import dev.couponbook.messages.couponbook.GenerationJobStatus;
import dev.couponbook.messages.couponbook.GenerationJobView;
import dev.couponbook.query.readmodel.ReadModelCollection;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The stored shape of a {@code generation_jobs} document, written by {@link GenerationJobProjection}
 * and read by {@link GenerationJobQueries}: its field names (as docs/read-models.md lists them)
 * and its mapping from {@link Document}, in this one place. Jobs are read by id and book only.
 */
final class GenerationJobDocument {

    static final ReadModelCollection COLLECTION = new ReadModelCollection("generation_jobs", List.of());

    static final String JOB_ID = "_id";
    static final String BOOK_ID = "bookId";
    static final String STATUS = "status";
    static final String REQUESTED = "requested";
    static final String GENERATED = "generated";
    static final String PATTERN = "pattern";
    static final String REQUESTED_AT = "requestedAt";
    static final String STARTED_AT = "startedAt";
    static final String FINISHED_AT = "finishedAt";
    static final String FAILURE_REASON = "failureReason";

    private GenerationJobDocument() {
    }

    static GenerationJobView view(Document job) {
        return new GenerationJobView(
                job.getString(JOB_ID),
                job.getString(BOOK_ID),
                GenerationJobStatus.valueOf(job.getString(STATUS)),
                requested(job),
                generated(job),
                job.getString(PATTERN),
                instant(job.getDate(REQUESTED_AT)),
                instant(job.getDate(STARTED_AT)),
                instant(job.getDate(FINISHED_AT)),
                job.getString(FAILURE_REASON));
    }

    static long requested(Document job) {
        return ((Number) job.get(REQUESTED)).longValue();
    }

    static long generated(Document job) {
        return ((Number) job.get(GENERATED)).longValue();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
