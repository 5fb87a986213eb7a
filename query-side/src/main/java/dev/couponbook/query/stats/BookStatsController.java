package dev.couponbook.query.stats;

import dev.couponbook.messages.couponbook.BookStats;
import dev.couponbook.messages.couponbook.FindBookStats;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.query.readmodel.ReadModelStatus;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** Usage statistics of a book for admins and analysts. */
@RestController
@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
@Tag(name = "Coupon books")
public class BookStatsController {

    private final QueryGateway queries;
    private final ReadModelStatus readModels;

    public BookStatsController(QueryGateway queries, ReadModelStatus readModels) {
        this.queries = queries;
        this.readModels = readModels;
    }

    @GetMapping("/api/v1/coupon-books/{bookId}/stats")
    public BookStats stats(@PathVariable String bookId,
                           @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) long waitMs) {
        readModels.awaitCaughtUp(BookStatsProjection.PROCESSING_GROUP, Duration.ofMillis(waitMs));
        BookStats stats = queries.query(new FindBookStats(bookId), ResponseTypes.instanceOf(BookStats.class)).join();
        if (stats == null) {
            throw new DomainException(Refusal.BOOK_NOT_FOUND);
        }
        return stats;
    }
}
