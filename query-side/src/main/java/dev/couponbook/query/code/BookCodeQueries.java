package dev.couponbook.query.code;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.couponbook.BookCodePage;
import dev.couponbook.messages.couponbook.BookCodeView;
import dev.couponbook.messages.couponbook.FindBookCodes;
import dev.couponbook.messages.couponbook.FindCode;
import dev.couponbook.query.code.BookCodeDocument.Fields;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads codes from the {@code book_codes} read model: one code by itself, a book's codes one page
 * at a time, or all of them as a stream.
 */
@Component
public class BookCodeQueries {

    private static final int STREAM_BATCH = 1000;
    private static final Bson CODE_ORDER = Sorts.ascending(Fields.BOOK_ID, Fields.CODE);

    private final MongoCollection<Document> codes;

    public BookCodeQueries(MongoTemplate mongo) {
        this.codes = BookCodeDocument.COLLECTION.in(mongo);
    }

    @QueryHandler
    public BookCodePage handle(FindBookCodes query) {
        List<BookCodeView> items = new ArrayList<>(query.size());
        codes.find(Filters.eq(Fields.BOOK_ID, query.bookId()))
                .sort(CODE_ORDER)
                .skip(query.page() * query.size())
                .limit(query.size())
                .forEach(code -> items.add(view(code)));
        return new BookCodePage(items, query.page(), query.size(), codes.countDocuments(Filters.eq(Fields.BOOK_ID, query.bookId())));
    }

    @QueryHandler
    public BookCodeView handle(FindCode query) {
        Document code = codes.find(Filters.eq(Fields.CODE, query.code())).first();
        return code == null ? null : view(code);
    }

    /** Hands every code of the book to {@code sink} in code order, holding one cursor batch in memory at a time. */
    public void forEach(String bookId, Consumer<BookCodeView> sink) {
        try (MongoCursor<Document> cursor = codes.find(Filters.eq(Fields.BOOK_ID, bookId))
                .sort(CODE_ORDER).batchSize(STREAM_BATCH).iterator()) {
            while (cursor.hasNext()) {
                sink.accept(view(cursor.next()));
            }
        }
    }

    private static BookCodeView view(Document code) {
        return BookCodeDocument.from(code).view();
    }
}
