package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * Answers a long {@code {field: {$nin: [strings]}}} condition from a hash set. mongo-java-server
 * compares each document with every listed value, and axon-mongo's tracking poll excludes every
 * event id of its token's look-back window: a thousand ids against each event of the window.
 * Documents whose field is not a plain string (an array, say) fall back to the full query, so the
 * answers are mongo-java-server's own.
 */
final class ExclusionShortcut {

    /** Shorter lists are as cheap to scan as to hash. */
    private static final int MIN_VALUES = 16;

    private ExclusionShortcut() {
    }

    /** A predicate equivalent to {@code matches(document, query)}, faster when the query holds a long string {@code $nin}. */
    static Predicate<Document> matcher(Document query, BiPredicate<Document, Document> matches) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            Set<String> excluded = excludedStrings(condition.getKey(), condition.getValue());
            if (excluded != null) {
                Document rest = new Document(query);
                rest.remove(condition.getKey());
                return shortcut(condition.getKey(), excluded, rest, query, matches);
            }
        }
        if (query.size() == 1 && query.get("$and") instanceof List<?> clauses) {
            for (int i = 0; i < clauses.size(); i++) {
                if (clauses.get(i) instanceof Document clause && clause.size() == 1) {
                    Map.Entry<String, Object> condition = clause.entrySet().iterator().next();
                    Set<String> excluded = excludedStrings(condition.getKey(), condition.getValue());
                    if (excluded != null) {
                        List<Object> others = new ArrayList<>(clauses);
                        others.remove(i);
                        Document rest = others.isEmpty() ? new Document() : new Document("$and", others);
                        return shortcut(condition.getKey(), excluded, rest, query, matches);
                    }
                }
            }
        }
        return document -> matches.test(document, query);
    }

    private static Predicate<Document> shortcut(String field, Set<String> excluded, Document rest, Document query,
                                                BiPredicate<Document, Document> matches) {
        return document -> {
            Object value = document.get(field);
            if (value instanceof String text) {
                return !excluded.contains(text) && matches.test(document, rest);
            }
            return matches.test(document, query);
        };
    }

    /** The listed strings when the condition is a top-level field's long {@code $nin} of strings only, else null. */
    private static Set<String> excludedStrings(String field, Object condition) {
        if (field.startsWith("$") || field.contains(".") || !(condition instanceof Document operators) || operators.size() != 1
                || !(operators.get("$nin") instanceof Collection<?> values) || values.size() < MIN_VALUES) {
            return null;
        }
        Set<String> excluded = new HashSet<>(values.size() * 2);
        for (Object value : values) {
            if (!(value instanceof String text)) {
                return null;
            }
            excluded.add(text);
        }
        return excluded;
    }
}
