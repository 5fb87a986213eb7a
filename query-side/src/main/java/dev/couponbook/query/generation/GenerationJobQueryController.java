package dev.couponbook.query.generation;

import dev.couponbook.messages.couponbook.FindGenerationJob;
import dev.couponbook.messages.couponbook.GenerationJobView;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets admins follow a generation job. */
@RestController
@RequestMapping("/api/v1/coupon-books/{bookId}/generation-jobs")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Code generation")
public class GenerationJobQueryController {

    private final QueryGateway queries;

    public GenerationJobQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{jobId}")
    public GenerationJobView get(@PathVariable String bookId, @PathVariable String jobId) {
        GenerationJobView job = queries.query(new FindGenerationJob(bookId, jobId),
                ResponseTypes.instanceOf(GenerationJobView.class)).join();
        if (job == null) {
            throw new DomainException(Refusal.GENERATION_JOB_NOT_FOUND);
        }
        return job;
    }
}
