package dev.couponbook.query.stats;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import dev.couponbook.messages.couponbook.BookStats;
import dev.couponbook.messages.couponbook.DailyActivity;
import dev.couponbook.messages.couponbook.FindBookStats;
import dev.couponbook.query.readmodel.ReadModelStatus;
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

    private static final List<String> COUNTERS = List.of("assigned", "locked", "redeemed", "redemptions", "reversals", "lockExpiries",
            "rejections");

    private final MongoCollection<Document> books;
    private final MongoCollection<Document> buckets;
    private final ReadModelStatus status;

    public BookStatsQueries(MongoTemplate mongo, ReadModelStatus status) {
        this.books = mongo.getCollection(BookStatsProjection.BOOKS);
        this.buckets = BookStatsProjection.BUCKETS.in(mongo);
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
        buckets.find(Filters.eq("bookId", query.bookId()))
                .projection(Projections.exclude("seen", "rejected"))
                .forEach(bucket -> {
                    COUNTERS.forEach(counter -> totals.merge(counter, counter(bucket, counter), Long::sum));
                    bucket.get("daily", new Document()).forEach((day, counts) -> {
                        long[] sums = days.computeIfAbsent(day, d -> new long[2]);
                        sums[0] += counter((Document) counts, "assignments");
                        sums[1] += counter((Document) counts, "redemptions");
                    });
                });
        long totalCodes = counter(book, "totalCodes");
        long assigned = totals.getOrDefault("assigned", 0L);
        long redeemed = totals.getOrDefault("redeemed", 0L);
        List<DailyActivity> daily = days.entrySet().stream()
                .map(day -> new DailyActivity(LocalDate.parse(day.getKey()), day.getValue()[0], day.getValue()[1]))
                .toList();
        return new BookStats(query.bookId(), totalCodes, totalCodes - assigned, assigned, totals.getOrDefault("locked", 0L),
                redeemed, totals.getOrDefault("redemptions", 0L), totals.getOrDefault("reversals", 0L),
                totals.getOrDefault("lockExpiries", 0L),
                totals.getOrDefault("rejections", 0L), assigned == 0 ? 0.0 : (double) redeemed / assigned, daily,
                status.rebuilding(BookStatsProjection.PROCESSING_GROUP));
    }

    private static long counter(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0L : ((Number) value).longValue();
    }
}
