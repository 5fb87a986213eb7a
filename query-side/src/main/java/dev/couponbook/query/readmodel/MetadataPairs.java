package dev.couponbook.query.readmodel;

import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client metadata in a read-model document as a list of {@code {key, value}} pairs: a client's
 * keys never become field names, so no key can make the document invalid.
 */
public final class MetadataPairs {

    public static final String KEY = "key";
    public static final String VALUE = "value";

    private MetadataPairs() {
    }

    /** The pairs of {@code metadata} in its order; none for null. */
    public static List<Document> of(Map<String, String> metadata) {
        List<Document> pairs = new ArrayList<>();
        if (metadata != null) {
            metadata.forEach((key, value) -> pairs.add(new Document(KEY, key).append(VALUE, value)));
        }
        return pairs;
    }

    /** The metadata the pairs hold; empty when the document has no such field. */
    public static Map<String, String> read(List<Document> pairs) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (pairs != null) {
            pairs.forEach(pair -> metadata.put(pair.getString(KEY), pair.getString(VALUE)));
        }
        return metadata;
    }
}
