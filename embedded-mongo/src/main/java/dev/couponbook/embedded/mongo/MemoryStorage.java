package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Collections as lists on the heap, indexes as {@link SortedIndex} skip lists; gone with the process. */
final class MemoryStorage implements Storage<Integer> {

    @Override
    public Set<String> databaseNames() {
        return Set.of();
    }

    @Override
    public DocumentStore<Integer> openDocuments(String namespace) {
        return new MemoryDocuments();
    }

    @Override
    public Index<Integer> openIndex(String namespace, String indexName, List<IndexKey> keys, boolean sparse,
                                    boolean unique) {
        return new SortedIndex<>(indexName, keys, sparse, unique);
    }

    @Override
    public void databaseOpened(String databaseName) {
    }

    @Override
    public void renameCollection(String oldNamespace, String newNamespace) {
    }

    @Override
    public long storageSize() {
        return 0;
    }

    @Override
    public void close() {
    }

    /**
     * Documents held as they are, so a write is complete the moment it is made. Readers get copies:
     * mongo-java-server updates a document in place and encodes answers after the collection's lock
     * is released, so a live reference could be changed by the next writer while its answer is sent
     * (two concurrent {@code $inc}s then both answered the second value).
     */
    private static final class MemoryDocuments implements DocumentStore<Integer> {

        private final List<Document> documents = new ArrayList<>();
        private final Queue<Integer> freePositions = new ArrayDeque<>();
        private long dataSize;

        @Override
        public Integer add(Document document) {
            dataSize += sizeOf(document);
            Integer position = freePositions.poll();
            if (position == null) {
                documents.add(document);
                return documents.size() - 1;
            }
            documents.set(position, document);
            return position;
        }

        @Override
        public Document get(Integer position) {
            return copy(documents.get(position));
        }

        @Override
        public void replace(Integer position, Document document) {
            dataSize += sizeOf(document) - sizeOf(documents.get(position));
            documents.set(position, document);
        }

        @Override
        public void remove(Integer position) {
            dataSize -= sizeOf(documents.get(position));
            documents.set(position, null);
            freePositions.add(position);
        }

        @Override
        public int count() {
            return documents.size() - freePositions.size();
        }

        @Override
        public long dataSize() {
            return dataSize;
        }

        @Override
        public Stream<DocumentWithPosition<Integer>> all(boolean reverse) {
            int size = documents.size();
            return IntStream.range(0, size)
                .map(i -> reverse ? size - 1 - i : i)
                .filter(i -> documents.get(i) != null)
                .mapToObj(i -> new DocumentWithPosition<>(copy(documents.get(i)), i));
        }

        private static long sizeOf(Document document) {
            ByteBuf buffer = Unpooled.buffer();
            try {
                BsonEncoder.encodeDocument(document, buffer);
                return buffer.readableBytes();
            } finally {
                buffer.release();
            }
        }

        private static Document copy(Document document) {
            return document == null ? null : document.cloneDeeply();
        }

        @Override
        public void commit() {
        }

        @Override
        public void discard() {
        }

        @Override
        public void flush() {
        }

        // nothing on the heap is more durable than it already is
        @Override
        public void coverAppliedWrites() {
        }

        @Override
        public void drop() {
            documents.clear();
            freePositions.clear();
            dataSize = 0;
        }
    }
}
