package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;

import java.util.stream.Stream;

/**
 * The documents of one collection, each at a position the collection's indexes point to. Writes of one document
 * (the document itself and the index entries for it) collect until {@link #commit()}, which makes them visible
 * and, for a persistent store, durable as one unit; {@link #discard()} drops what a failed write left.
 *
 * @param <P> the position type
 */
interface DocumentStore<P> {

    P add(Document document);

    /** The document at {@code position}, or null if there is none (any more). */
    Document get(P position);

    void replace(P position, Document document);

    void remove(P position);

    int count();

    long dataSize();

    void addDataSize(long delta);

    /** Every document in position order, or its reverse; lazy, so a consumer that stops early reads no more. */
    Stream<DocumentWithPosition<P>> all(boolean reverse);

    void commit();

    void discard();

    /** Deletes every document; the collection is being dropped. */
    void drop();
}
