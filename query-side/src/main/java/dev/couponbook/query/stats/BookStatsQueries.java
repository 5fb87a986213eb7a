package dev.couponbook.query.stats;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import dev.couponbook.messages.couponbook.BookStats;
import dev.couponbook.messages.couponbook.DailyActivity;
import dev.couponbook.messages.couponbook.FindBookStats;
import dev.couponbook.query.readmodel.ReadModelStatus;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Answers book statistics from {@code book_stats}. */
@Component
public class BookStatsQueries {

    private final MongoCollection<Document> stats;
    private final ReadModelStatus status;

    public BookStatsQueries(MongoTemplate mongo, ReadModelStatus status) {
        this.stats = mongo.getCollection(BookStatsProjection.COLLECTION);
        this.status = status;
    }

    @QueryHandler
    public BookStats handle(FindBookStats query) {
        Document book = stats.find(Filters.eq("_id", query.bookId())).first();
        if (book == null) {
            return null;
        }
        long totalCodes = counter(book, "totalCodes");
        long assigned = counter(book, "assigned");
        long redeemed = counter(book, "redeemed");
        Map<String, Object> days = new TreeMap<>(book.get("daily", new Document()));
        List<DailyActivity> daily = days.entrySet().stream()
                .map(day -> new DailyActivity(LocalDate.parse(day.getKey()),
                        counter((Document) day.getValue(), "assignments"), counter((Document) day.getValue(), "redemptions")))
                .toList();
        return new BookStats(query.bookId(), totalCodes, totalCodes - assigned, assigned, counter(book, "locked"),
                redeemed, counter(book, "redemptions"), counter(book, "lockExpiries"), counter(book, "rejections"),
                assigned == 0 ? 0.0 : (double) redeemed / assigned, daily,
                status.rebuilding(BookStatsProjection.PROCESSING_GROUP));
    }

    private static long counter(Document document, String field) {
        Object value = document.get(field);
        return value == null ? 0L : ((Number) value).longValue();
    }
}
