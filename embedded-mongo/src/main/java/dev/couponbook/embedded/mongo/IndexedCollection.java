package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.IndexBuildFailedException;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.oplog.Oplog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A collection whose documents live in a {@link DocumentStore} and whose queries are answered through
 * {@link OrderedIndex}es where one fits. Each document's writes are committed to the store when complete (a
 * document that fails halfway leaves nothing), and each write command's writes are flushed to the store together
 * when the command ends, between {@link #beginCommand(boolean)} and {@link #endCommand()}: an insert's documents,
 * the statements of an update or delete command.
 *
 * @param <P> the store's position type
 */
final class IndexedCollection<P> extends AbstractSynchronizedMongoCollection<P> implements ExaminationCounter {

    private final DocumentStore<P> store;
    private final LongAdder documentsExamined = new LongAdder();
    private final LongAdder documentsIndexedByBuilds = new LongAdder();
    private final LongAdder plainUpdates = new LongAdder();
    private static final String ID_FIELD = "_id";
    private static final List<String> ID_PATH = List.of(ID_FIELD);
    // nesting of write methods (an upsert adds the document it built); the outermost one flushes
    private int writeDepth;
    // The collection whose update, delete or insert command the current thread runs. Its statements (an insert's
    // documents) take the collection's lock one by one, so other threads' commands get in between, but leave their
    // writes pending for the command's end; any flush in between (another thread's, a range scan's) applies them
    // early, which changes nothing.
    private static final ThreadLocal<Command> COMMAND = new ThreadLocal<>();

    private static final class Command {
        private final IndexedCollection<?> collection;
        private final boolean ordered;
        private boolean deferred;
        private boolean failed;

        private Command(IndexedCollection<?> collection, boolean ordered) {
            this.collection = collection;
            this.ordered = ordered;
        }
    }

    /** The code name of the error each statement after an ordered command's first failure gets; the reply drops them. */
    static final String NOT_APPLIED = "NotAppliedAfterAnEarlierError";

    IndexedCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                      CursorRegistry cursorRegistry, DocumentStore<P> store) {
        super(database, collectionName, options, cursorRegistry);
        this.store = store;
    }

    // The base class filters and sorts the whole candidate set before applying the limit; an index that already
    // delivers the sort order lets the stream stop after skip + limit matches instead, and without a limit lets
    // the cursor read on only as far as the client fetches.
    @Override
    protected synchronized QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                                      int batchSize, Document fieldSelector) {
        IndexPlan<P> plan = IndexPlanner.choose(getIndexes(), query, orderBy);
        if (plan == null) {
            documentsExamined.add(count());
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        if (plan.servesSort() && limit == 0 && batchSize > 0 && (fieldSelector == null || fieldSelector.isEmpty())) {
            return StreamingCursor.firstBatch(this, cursorRegistry, plan.positionIterator(), this::getDocument,
                ExclusionShortcut.matcher(query, this::documentMatchesQuery), numberToSkip, batchSize);
        }
        if (plan.servesSort()) {
            return matchDocumentsFromStream(query, plan.positions().map(this::getDocument), numberToSkip, limit,
                batchSize, null, fieldSelector);
        }
        return matchDocuments(query, plan.positions().toList(), orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Stream<Document> documents = store.all(isNaturalDescending(orderBy)).map(DocumentWithPosition::getDocument);
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected Document getDocument(P position) {
        documentsExamined.increment();
        return store.get(position);
    }

    @Override
    protected P addDocumentInternal(Document document) {
        return store.add(document);
    }

    @Override
    protected void removeDocument(P position) {
        store.remove(position);
    }

    // the last step of updating one document: its index entries are already in the store's pending writes
    @Override
    protected void handleUpdate(P position, Document oldDocument, Document newDocument) {
        store.replace(position, newDocument);
        store.commit();
    }

    // The base class would encode each document once more to measure it, and an update's old and new ones twice
    // more: a fifth of the store's CPU while codes are generated. The store measures what it writes instead.
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        throw new UnsupportedOperationException("the store measures its own data size");
    }

    @Override
    protected int getDataSize() {
        return (int) Math.min(Integer.MAX_VALUE, store.dataSize());
    }

    @Override
    public synchronized int count() {
        return store.count();
    }

    @Override
    public synchronized boolean isEmpty() {
        return store.count() == 0;
    }

    @Override
    protected Stream<DocumentWithPosition<P>> streamAllDocumentsWithPosition() {
        return store.all(false);
    }

    @Override
    public synchronized void addDocument(Document document) {
        write(() -> {
            super.addDocument(document);
            store.commit();
            return null;
        });
    }

    @Override
    public synchronized void removeDocument(Document document) {
        write(() -> {
            super.removeDocument(document);
            store.commit();
            return null;
        });
    }

    /**
     * Within an insert command ({@link #beginCommand(boolean)}), each document takes the collection's lock on its
     * own, as the statements of an update command do, and the documents are flushed together at the command's end:
     * a bulk insert of thousands of documents held the lock from its first document to its last, and every read of
     * the collection waited for it. MongoDB lets readers in between the documents of an insert too.
     */
    @Override
    public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        Command command = COMMAND.get();
        if (command == null || command.collection != this) {
            synchronized (this) {
                return write(() -> super.insertDocuments(documents, isOrdered));
            }
        }
        List<Document> errors = new ArrayList<>();
        for (int index = 0; index < documents.size(); index++) {
            try {
                addDocument(documents.get(index));
            } catch (MongoServerError e) {
                // the write error the base class reports; it cannot be reached past its synchronized override
                Document error = new Document("index", index).append("errmsg", e.getMessageWithoutErrorCode())
                    .append("code", e.getCode());
                error.putIfNotNull("codeName", e.getCodeName());
                errors.add(error);
                if (isOrdered) {
                    break;
                }
            }
        }
        return errors;
    }

    // Documents finished before a failure stay, as in MongoDB; a document that failed halfway is dropped.
    @Override
    public synchronized Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                                 boolean isMulti, boolean isUpsert, Oplog oplog) {
        return statement(() -> write(() -> {
            Document result = isMulti || !arrayFilters.isEmpty() ? null : updateById(selector, updateQuery, isUpsert, oplog);
            return result != null ? result : super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog);
        }));
    }

    /**
     * A {@link PlainUpdate} of the document the selector names by {@code _id}, or the document its upsert inserts, as
     * the generic path would apply it; null, having changed nothing, where the generic path must decide: not a plain
     * update, an upsert whose document would take more than the {@code _id} from the selector, or an upsert that meets
     * the {@code _id} of a document the rest of the selector does not match.
     */
    private Document updateById(Document selector, Document updateQuery, boolean isUpsert, Oplog oplog) {
        String id = PlainUpdate.idOf(selector);
        PlainUpdate update = id == null ? null : PlainUpdate.of(updateQuery);
        Index<P> idIndex = update == null ? null : idIndex();
        if (idIndex == null) {
            return null;
        }
        P position = idIndex.getPosition(new Document(ID_FIELD, id));
        Document document = position == null ? null : getDocument(position);
        if (document == null || !documentMatchesQuery(document, selector)) {
            if (!isUpsert) {
                return updateResult(selector, updateQuery, oplog, 0, null);
            }
            return document == null && PlainUpdate.insertsOnlyItsId(selector) ? upsertById(id, update, oplog) : null;
        }
        Document updated = update.applyTo(document);
        if (updated == null) {
            return null;
        }
        if (updated != document) {
            List<Index<P>> touched = getIndexes().stream()
                .filter(index -> !(index instanceof KeyedIndex<P> keyed) || update.touches(keyed.keyPaths()))
                .toList();
            for (Index<P> index : touched) {
                index.checkUpdate(document, updated, this);
            }
            for (Index<P> index : touched) {
                index.updateInPlace(document, updated, position, this);
            }
            handleUpdate(position, document, updated);
        }
        plainUpdates.increment();
        return updateResult(selector, updateQuery, oplog, 1, updated != document ? id : null);
    }

    private Document upsertById(String id, PlainUpdate update, Oplog oplog) {
        Document inserted = update.inserted(id);
        if (inserted == null) {
            return null;
        }
        addDocument(inserted);
        oplog.handleInsert(getFullName(), List.of(inserted));
        plainUpdates.increment();
        return new Document("upserted", id).append("n", 0).append("nModified", 0);
    }

    private Document updateResult(Document selector, Document updateQuery, Oplog oplog, int matched, Object modifiedId) {
        oplog.handleUpdate(getFullName(), selector, updateQuery, modifiedId == null ? List.of() : List.of(modifiedId));
        return new Document("n", matched).append("nModified", modifiedId == null ? 0 : 1);
    }

    private Index<P> idIndex() {
        for (Index<P> index : getIndexes()) {
            if (index instanceof KeyedIndex<P> keyed && keyed.keyPaths().equals(ID_PATH)) {
                return index;
            }
        }
        return null;
    }

    @Override
    public synchronized int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return statement(() -> write(() -> super.deleteDocuments(selector, limit, oplog)));
    }

    /**
     * A statement of the thread's command. mongo-java-server goes on after a failed statement even when the command
     * is ordered; MongoDB stops there, and a client may send the rest again, so here the statements after the first
     * failure are not applied either.
     */
    private <T> T statement(Supplier<T> body) {
        Command command = COMMAND.get();
        if (command == null || command.collection != this || !command.ordered) {
            return body.get();
        }
        if (command.failed) {
            throw new MongoServerError(0, NOT_APPLIED, "not applied: an earlier statement of the ordered command failed");
        }
        try {
            return body.get();
        } catch (MongoServerException e) {
            command.failed = true;
            throw e;
        }
    }

    @Override
    public synchronized Document findAndModify(Document query) {
        return write(() -> super.findAndModify(query));
    }

    private <T> T write(Supplier<T> body) {
        writeDepth++;
        try {
            return body.get();
        } finally {
            writeDepth--;
            store.discard();
            if (writeDepth == 0) {
                Command command = COMMAND.get();
                if (command != null && command.collection == this) {
                    command.deferred = true;
                } else {
                    store.flush();
                }
            }
        }
    }

    /**
     * Starts a write command of many statements on this collection in the calling thread: their writes are applied
     * to the store together by {@link #endCommand()}, one store write for the command instead of one per statement.
     * An {@code ordered} command applies no statement after the first that fails.
     */
    void beginCommand(boolean ordered) {
        COMMAND.set(new Command(this, ordered));
    }

    /** Applies the command's writes, so the reply the thread sends next waits until they are durable. */
    synchronized void endCommand() {
        Command command = COMMAND.get();
        COMMAND.remove();
        if (command != null && command.deferred) {
            store.flush();
            // another thread's flush may have applied them, and its durability ticket would not cover this reply
            store.coverAppliedWrites();
        }
    }

    /**
     * Builds a new index from the documents one at a time, checking each against those already indexed, so that
     * existing duplicates fail a unique index; the base class checks all documents against the empty index first.
     */
    @Override
    public synchronized void addIndex(Index<P> index) {
        boolean known = getIndexes().stream().anyMatch(existing -> existing.getName().equals(index.getName()));
        if (!known && index.isEmpty()) {
            try {
                Iterator<DocumentWithPosition<P>> documents = store.all(false).iterator();
                while (documents.hasNext()) {
                    DocumentWithPosition<P> next = documents.next();
                    documentsIndexedByBuilds.increment();
                    index.checkAdd(next.getDocument(), this);
                    index.add(next.getDocument(), next.getPosition(), this);
                    store.commit();
                }
            } catch (MongoServerError e) {
                store.discard();
                index.drop();
                throw new IndexBuildFailedException(e, this);
            } finally {
                store.discard();
                store.flush();
            }
        }
        super.addIndex(index);
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }

    @Override
    public synchronized void drop() {
        super.drop();
        store.drop();
    }

    @Override
    public long documentsExamined() {
        return documentsExamined.sum();
    }

    @Override
    public long documentsIndexedByBuilds() {
        return documentsIndexedByBuilds.sum();
    }

    @Override
    public long plainUpdates() {
        return plainUpdates.sum();
    }
}
