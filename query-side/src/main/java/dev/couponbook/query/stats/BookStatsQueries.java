package dev.couponbook.query.stats;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.couponbook.messages.couponbook.BookStats;
import dev.couponbook.messages.couponbook.DailyActivity;
import dev.couponbook.messages.couponbook.FindBookStats;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.query.stats.BookStatsDocuments.BookFields;
import dev.couponbook.query.stats.BookStatsDocuments.BucketFields;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers book statistics by adding up the book's buckets. */
@Component
public class BookStatsQueries {

    private final MongoCollection<Document> books;
    private final MongoCollection<Document> buckets;
    private final ReadModelStatus status;

    public BookStatsQueries(MongoTemplate mongo, ReadModelStatus status) {
        this.books = BookStatsDocuments.BOOKS.in(mongo);
        this.buckets = BookStatsDocuments.BUCKETS.in(mongo);
        this.status = status;
    }

    @QueryHandler
    public BookStats handle(FindBookStats query) {
        Document book = books.find(Filters.eq("_id", query.bookId())).first();
        if (book == null) {
            return null;
        }
        Map<String, Long> totals = new HashMap<>();
        Map<String, long[]> days = new TreeMap<>();
        buckets.find(Filters.eq(BucketFields.BOOK_ID, query.bookId()))
                .projection(Projections.exclude(BucketFields.SEEN, BucketFields.REJECTED))
                .forEach(bucket -> {
                    BucketFields.COUNTERS.forEach(counter -> totals.merge(counter, counter(bucket, counter), Long::sum));
                    bucket.get(BucketFields.DAILY, new Document()).forEach((day, counts) -> {
                        long[] sums = days.computeIfAbsent(day, d -> new long[2]);
                        sums[0] += counter((Document) counts, BucketFields.DAILY_ASSIGNMENTS);
                        sums[1] += counter((Document) counts, BucketFields.DAILY_REDEMPTIONS);
                    });
                });
        long totalCodes = counter(book, BookFields.TOTAL_CODES);
        long assigned = totals.getOrDefault(BucketFields.ASSIGNED, 0L);
        long redeemed = totals.getOrDefault(BucketFields.REDEEMED, 0L);
        long redemptions = totals.getOrDefault(BucketFields.REDEMPTIONS, 0L);
        Object budget = book.get(BookFields.MAX_REDEMPTIONS_TOTAL);
        List<DailyActivity> daily = days.entrySet().stream()
                .map(day -> new DailyActivity(LocalDate.parse(day.getKey()), day.getValue()[0], day.getValue()[1]))
                .toList();
        return new BookStats(query.bookId(), totalCodes, totalCodes - assigned, assigned, totals.getOrDefault(BucketFields.LOCKED, 0L),
                redeemed, redemptions, totals.getOrDefault(BucketFields.REVERSALS, 0L),
                totals.getOrDefault(BucketFields.LOCK_EXPIRIES, 0L),
                totals.getOrDefault(BucketFields.REJECTIONS, 0L), assigned == 0 ? 0.0 : (double) redeemed / assigned, daily,
                status.rebuilding(BookStatsProjection.PROCESSING_GROUP),
                budget == null ? null : Math.max(0L, ((Number) budget).longValue() - redemptions));
    }

    private static long counter(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0L : ((Number) value).longValue();
    }
}
