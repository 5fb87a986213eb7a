package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

/**
 * A cursor that reads the rest of a query's matches from an index scan only as the client fetches them.
 * axon-mongo's tracking poll sends no limit, only a batch size, and closes the cursor after one batch: the base
 * class would collect every match up to the end of the collection first, so each poll would cost the whole
 * remaining stream.
 */
final class StreamingCursor extends AbstractCursor {

    private final Object collectionLock;
    private final Iterator<Document> matches;

    private StreamingCursor(long id, Object collectionLock, Iterator<Document> matches) {
        super(id);
        this.collectionLock = collectionLock;
        this.matches = matches;
    }

    /**
     * Answers with the first {@code batchSize} documents at {@code positions} that match and, if more remain, a
     * registered cursor for them. Later batches are read under {@code collectionLock}, the monitor the
     * collection's writes hold, because the index and the document store are not safe to read during a write.
     */
    static <P> QueryResult firstBatch(Object collectionLock, CursorRegistry registry, Iterator<P> positions,
                                      Function<P, Document> fetch, Predicate<Document> filter, int numberToSkip,
                                      int batchSize) {
        // the scan may already hold the position of a document deleted between two batches
        Iterator<Document> matches = StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(positions, Spliterator.ORDERED), false)
            .map(fetch)
            .filter(document -> document != null && filter.test(document))
            .skip(numberToSkip)
            .iterator();
        List<Document> first = take(matches, batchSize);
        if (!matches.hasNext()) {
            return new QueryResult(first);
        }
        StreamingCursor cursor = new StreamingCursor(registry.generateCursorId(), collectionLock, matches);
        registry.add(cursor);
        return new QueryResult(first, cursor);
    }

    @Override
    public boolean isEmpty() {
        synchronized (collectionLock) {
            return !matches.hasNext();
        }
    }

    @Override
    public List<Document> takeDocuments(int numberToReturn) {
        synchronized (collectionLock) {
            return take(matches, numberToReturn);
        }
    }

    private static List<Document> take(Iterator<Document> matches, int count) {
        List<Document> documents = new ArrayList<>(Math.min(count, 1_000));
        while (documents.size() < count && matches.hasNext()) {
            documents.add(matches.next());
        }
        return documents;
    }
}
