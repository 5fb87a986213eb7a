package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.bson.Document;

import java.util.stream.Stream;

/**
 * The documents of one collection, each at a position the collection's indexes point to. The writes of one
 * document (the document itself and its index entries) end with {@link #commit()}; {@link #discard()} drops those
 * of a document that failed halfway; {@link #flush()}, at the end of a command, applies the committed ones to the
 * store as one unit. Reads see committed and pending writes alike.
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

    /** The size of the documents held, measured by the store on what it writes (BSON bytes). */
    long dataSize();

    /** Every document in position order, or its reverse; lazy, so a consumer that stops early reads no more. */
    Stream<DocumentWithPosition<P>> all(boolean reverse);

    /** Marks the end of one document's writes. */
    void commit();

    /** Drops the writes made since the last {@link #commit()}. */
    void discard();

    /** Applies the committed writes to the store. */
    void flush();

    /**
     * Makes the reply the calling thread sends next wait until every write applied to the store so far is durable:
     * for a command whose writes another thread's {@link #flush()} may have applied.
     */
    void coverAppliedWrites();

    /** Deletes every document; the collection is being dropped. */
    void drop();
}
