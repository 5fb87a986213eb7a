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


/** Answers generation job queries from the {@code generation_jobs} read model. */
@Component
public class GenerationJobQueries {

    private final MongoCollection<Document> jobs;

    public GenerationJobQueries(MongoTemplate mongo) {
        this.jobs = GenerationJobDocument.COLLECTION.in(mongo);
    }

    @QueryHandler
    public GenerationJobView handle(FindGenerationJob query) {
        Document job = jobs.find(Filters.and(Filters.eq(GenerationJobDocument.JOB_ID, query.jobId()), Filters.eq(GenerationJobDocument.BOOK_ID, query.bookId())))
                .first();
        if (job == null) {
            return null;
        }
        return GenerationJobDocument.view(job);
    }

    @QueryHandler
    public Boolean handle(IsGenerationUnderWay query) {
        return jobs.find(Filters.and(Filters.eq(GenerationJobDocument.BOOK_ID, query.bookId()), Filters.in(GenerationJobDocument.STATUS,
                GenerationJobStatus.PENDING.name(), GenerationJobStatus.RUNNING.name()))).first() != null;
    }

    /** Codes that pending and running jobs have still to record: generation's progress, in codes. */
    public long codesStillToGenerate() {
        long remaining = 0;
        for (Document job : jobs.find(Filters.in(GenerationJobDocument.STATUS, GenerationJobStatus.PENDING.name(), GenerationJobStatus.RUNNING.name()))) {
            remaining += Math.max(0, GenerationJobDocument.requested(job) - GenerationJobDocument.generated(job));
        }
        return remaining;
    }
}
