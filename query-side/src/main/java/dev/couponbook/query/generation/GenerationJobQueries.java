package dev.couponbook.query.generation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.couponbook.messages.couponbook.FindGenerationJob;
import dev.couponbook.messages.couponbook.GenerationJobStatus;
import dev.couponbook.messages.couponbook.GenerationJobView;
import dev.couponbook.messages.couponbook.IsGenerationUnderWay;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;

/** Answers generation job queries from the {@code generation_jobs} read model. */
@Component
public class GenerationJobQueries {

    private final MongoCollection<Document> jobs;

    public GenerationJobQueries(MongoTemplate mongo) {
        this.jobs = mongo.getCollection(GenerationJobProjection.COLLECTION);
    }

    @QueryHandler
    public GenerationJobView handle(FindGenerationJob query) {
        Document job = jobs.find(Filters.and(Filters.eq("_id", query.jobId()), Filters.eq("bookId", query.bookId())))
                .first();
        if (job == null) {
            return null;
        }
        return new GenerationJobView(
                job.getString("_id"),
                job.getString("bookId"),
                GenerationJobStatus.valueOf(job.getString("status")),
                ((Number) job.get("requested")).longValue(),
                ((Number) job.get("generated")).longValue(),
                job.getString("pattern"),
                instant(job.getDate("requestedAt")),
                instant(job.getDate("startedAt")),
                instant(job.getDate("finishedAt")),
                job.getString("failureReason"));
    }

    @QueryHandler
    public Boolean handle(IsGenerationUnderWay query) {
        return jobs.find(Filters.and(Filters.eq("bookId", query.bookId()), Filters.in("status",
                GenerationJobStatus.PENDING.name(), GenerationJobStatus.RUNNING.name()))).first() != null;
    }

    /** Codes that pending and running jobs have still to record: generation's progress, in codes. */
    public long codesStillToGenerate() {
        long remaining = 0;
        for (Document job : jobs.find(Filters.in("status", GenerationJobStatus.PENDING.name(), GenerationJobStatus.RUNNING.name()))) {
            remaining += Math.max(0, ((Number) job.get("requested")).longValue() - ((Number) job.get("generated")).longValue());
        }
        return remaining;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
