package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.Constants;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** An index's key paths and directions, and the key tuples a document is indexed under; shared by both index kinds. */
final class IndexKeys {

    private final List<String> paths;
    private final boolean[] ascending;
    private final boolean sparse;

    IndexKeys(List<IndexKey> keys, boolean sparse) {
        this.paths = new ArrayList<>(keys.size());
        this.ascending = new boolean[keys.size()];
        this.sparse = sparse;
        for (int i = 0; i < keys.size(); i++) {
            paths.add(keys.get(i).getKey());
            ascending[i] = keys.get(i).isAscending();
        }
    }

    List<String> paths() {
        return paths;
    }

    boolean isAscending(int keyIndex) {
        return ascending[keyIndex];
    }

    /** A sparse index leaves out documents that have none of its keys. */
    boolean skips(Document document) {
        if (!sparse) {
            return false;
        }
        for (String path : paths) {
            Object value = path.indexOf('.') < 0 ? document.getOrMissing(path) : Utils.getSubdocumentValue(document, path);
            if (!(value instanceof Missing)) {
                return false;
            }
        }
        return true;
    }

    boolean hasArray(Document document) {
        for (String path : paths) {
            if (valueOf(document, path) instanceof Collection) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value at a key path, {@link Missing} if there is none, and the values of all elements for a path through
     * an array. A plain field name is looked up directly: mongo-java-server splits every path with a regex.
     */
    static Object valueOf(Document document, String path) {
        if (path.indexOf('.') < 0) {
            return document.getOrMissing(path);
        }
        return Utils.getSubdocumentValueCollectionAware(document, path);
    }

    /** The key tuples a document is indexed under: one for scalars, one per array element otherwise. */
    List<Object[]> tuples(Index<?> index, Document document) {
        Object[] raw = new Object[paths.size()];
        boolean hasArray = false;
        for (int i = 0; i < raw.length; i++) {
            Object value = valueOf(document, paths.get(i));
            raw[i] = value instanceof Missing ? null : value;
            hasArray |= value instanceof Collection;
        }
        if (!hasArray) {
            return Collections.singletonList(raw);
        }
        Set<KeyValue> keyValues = index.getKeyValues(document);
        if (keyValues.isEmpty()) {
            // an empty array expands to no tuples; keep one so the document can still be found and removed
            return Collections.singletonList(raw);
        }
        List<Object[]> tuples = new ArrayList<>(keyValues.size());
        for (KeyValue keyValue : keyValues) {
            tuples.add(keyValue.stream().toArray());
        }
        return tuples;
    }

    static Object idOf(Document document) {
        if (!document.containsKey(Constants.ID_FIELD)) {
            // mongo-java-server gives every document outside system collections an _id, which is the tie-breaker
            throw new IllegalStateException("Indexed document without _id: " + document);
        }
        return document.get(Constants.ID_FIELD);
    }
}
