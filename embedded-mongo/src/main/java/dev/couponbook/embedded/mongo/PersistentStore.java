package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The persistent store's directory: RocksDB in {@code rocksdb/}. A {@code mongo.mv} left there by the former
 * H2 backend is imported once, into a staging directory that becomes {@code rocksdb/} only when the import is
 * complete (an interrupted import starts over), and is then renamed to {@code mongo.mv.imported}.
 */
final class PersistentStore {

    private static final Logger log = LoggerFactory.getLogger(PersistentStore.class);

    static final String ROCKSDB_DIRECTORY = "rocksdb";
    static final String H2_FILE = "mongo.mv";
    private static final String IMPORTED_SUFFIX = ".imported";
    private static final int IMPORT_BATCH = 1_000;

    private PersistentStore() {
    }

    static IndexedBackend open(Path directory, StoreOptions options) {
        Path rocks = directory.resolve(ROCKSDB_DIRECTORY);
        Path h2 = directory.resolve(H2_FILE);
        try {
            Files.createDirectories(directory);
            if (Files.exists(h2) && !Files.exists(rocks)) {
                importH2(h2, rocks, directory.resolve(ROCKSDB_DIRECTORY + ".importing"));
            } else if (Files.exists(h2)) {
                log.warn("Both {} and {} exist; using {} and leaving the H2 file alone", rocks, h2, rocks);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long start = System.nanoTime();
        IndexedBackend backend = new IndexedBackend(RocksStorage.open(rocks, options));
        log.info("Opened the embedded MongoDB store in {} in {} ms ({} durability)", rocks,
            (System.nanoTime() - start) / 1_000_000, options.durability().name().toLowerCase());
        return backend;
    }

    private static void importH2(Path h2, Path rocks, Path staging) throws IOException {
        deleteRecursively(staging);
        log.info("Importing the H2 store {} into {} (once; the file is kept as {})", h2, rocks, h2 + IMPORTED_SUFFIX);
        long start = System.nanoTime();
        long[] counts;
        IndexedBackend target = new IndexedBackend(RocksStorage.open(staging, new StoreOptions(StoreOptions.Durability.OS)));
        try {
            counts = copy(h2, target);
        } finally {
            target.close();
        }
        Files.move(staging, rocks, StandardCopyOption.ATOMIC_MOVE);
        Files.move(h2, h2.resolveSibling(H2_FILE + IMPORTED_SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        log.info("Imported {} documents in {} collections with {} indexes from {} in {} ms", counts[0], counts[1],
            counts[2], h2, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Copies every database of the H2 file: the collections its catalog lists with their documents, then their
     * indexes (built once from the data, faster than maintained while loading). The file is opened read-only and
     * read as mongo-java-server's H2 backend wrote it: one map per collection, named {@code databases.<ns>}.
     */
    private static long[] copy(Path h2, IndexedBackend target) {
        long documents = 0;
        long collections = 0;
        long indexes = 0;
        MVStore store = new MVStore.Builder().fileName(h2.toString()).readOnly().open();
        try {
            List<String> databases = store.getMapNames().stream()
                .filter(name -> name.startsWith("databases.") && name.endsWith(".system.namespaces"))
                .map(name -> name.substring("databases.".length(), name.length() - ".system.namespaces".length()))
                .toList();
            for (String databaseName : databases) {
                IndexedDatabase<?> database = (IndexedDatabase<?>) target.resolveDatabase(databaseName);
                for (String namespace : values(store, databaseName + ".system.namespaces").stream()
                        .map(document -> document.get("name").toString()).toList()) {
                    String collectionName = namespace.substring(databaseName.length() + 1);
                    if (collectionName.startsWith("system.")) {
                        continue;
                    }
                    MongoCollection<?> collection =
                        database.createCollectionOrThrowIfExists(collectionName, CollectionOptions.withDefaults());
                    collections++;
                    documents += copyDocuments(store.openMap("databases." + namespace), collection);
                }
                for (Document index : values(store, databaseName + ".system.indexes")) {
                    if (!"_id_".equals(index.get("name"))) {
                        database.importIndex(index.clone());
                        indexes++;
                    }
                }
            }
        } finally {
            store.close();
        }
        return new long[] {documents, collections, indexes};
    }

    private static long copyDocuments(MVMap<Object, Document> data, MongoCollection<?> collection) {
        long copied = 0;
        List<Document> batch = new ArrayList<>(IMPORT_BATCH);
        for (Document document : data.values()) {
            batch.add(document);
            if (batch.size() == IMPORT_BATCH) {
                copied += insert(collection, batch);
            }
        }
        return copied + insert(collection, batch);
    }

    private static long insert(MongoCollection<?> collection, List<Document> batch) {
        List<Document> errors = collection.insertDocuments(batch, false);
        if (!errors.isEmpty()) {
            log.warn("Importing into {}: {} documents rejected, first: {}", collection.getFullName(), errors.size(),
                errors.get(0));
        }
        long inserted = batch.size() - errors.size();
        batch.clear();
        return inserted;
    }

    private static List<Document> values(MVStore store, String namespace) {
        if (!store.hasMap("databases." + namespace)) {
            return List.of();
        }
        MVMap<Object, Document> map = store.openMap("databases." + namespace);
        return new ArrayList<>(map.values());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
