package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The update shape the read models send for nearly every event: one document found by its {@code _id}, changed by
 * {@code $set}, {@code $unset}, {@code $inc}, {@code $push} of one value or {@code $setOnInsert} on plain field paths,
 * or inserted by such an upsert.
 * The generic path of mongo-java-server plans a query, matches twice, clones the document deeply, applies each
 * operator through path parsing and compares every index's keys of the old and new document: a third of a
 * replay's CPU. This applies such an update to a copy that shares every subdocument it does not change, and says which
 * paths changed, so only the indexes on them are maintained.
 *
 * <p>Anything else is not a plain update ({@link #of} or {@link #applyTo} answer null) and goes the generic way,
 * which also raises every error: a conflict between paths, a path through an array or a scalar, a numeric type this
 * does not add, an {@code _id} change, a {@code $}-prefixed field name in a value.
 */
final class PlainUpdate {

    private enum Operator { SET, SET_ON_INSERT, UNSET, INC, PUSH }

    private record Change(Operator operator, String[] path, Object value) {
    }

    private final List<Change> changes;
    private final List<String> paths;

    private PlainUpdate(List<Change> changes, List<String> paths) {
        this.changes = changes;
        this.paths = paths;
    }

    /** The {@code _id} a selector names by equality, alone or in a top-level {@code $and}, if it is a string. */
    static String idOf(Document selector) {
        if (selector.get("_id") instanceof String id) {
            return id;
        }
        if (selector.size() == 1 && selector.get("$and") instanceof List<?> clauses) {
            for (Object clause : clauses) {
                if (clause instanceof Document document && document.get("_id") instanceof String id) {
                    return id;
                }
            }
        }
        return null;
    }

    /** The update as plain changes, or null if it is not one (see the class comment). */
    static PlainUpdate of(Document update) {
        if (update.isEmpty()) {
            return null;
        }
        List<Change> changes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, Object> entry : update.entrySet()) {
            if (!(entry.getValue() instanceof Document fields)) {
                return null;
            }
            Operator operator;
            switch (entry.getKey()) {
                case "$set" -> operator = Operator.SET;
                case "$unset" -> operator = Operator.UNSET;
                case "$inc" -> operator = Operator.INC;
                case "$push" -> operator = Operator.PUSH;
                case "$setOnInsert" -> operator = Operator.SET_ON_INSERT;
                default -> {
                    return null;
                }
            }
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                String[] path = plainPath(field.getKey());
                if (path == null || overlapsAny(field.getKey(), paths) || !plainValue(operator, field.getValue())) {
                    return null;
                }
                paths.add(field.getKey());
                changes.add(new Change(operator, path, field.getValue()));
            }
        }
        return new PlainUpdate(changes, paths);
    }

    /**
     * Whether the document an upsert inserts takes nothing from this selector but its {@code _id}: besides that, only
     * conditions with operators, such as the read models' guards, which the generic path leaves out of the document.
     */
    static boolean insertsOnlyItsId(Document selector) {
        if (selector.size() == 1 && selector.get("_id") instanceof String) {
            return true;
        }
        if (selector.size() != 1 || !(selector.get("$and") instanceof List<?> clauses)) {
            return false;
        }
        int ids = 0;
        for (Object clause : clauses) {
            if (!(clause instanceof Document condition) || condition.size() != 1) {
                return false;
            }
            Map.Entry<String, Object> field = condition.entrySet().iterator().next();
            if (field.getKey().equals("_id")) {
                ids++;
            } else if (field.getKey().startsWith("$") || !isOperatorsOnly(field.getValue())) {
                return false;
            }
        }
        return ids == 1;
    }

    private static boolean isOperatorsOnly(Object condition) {
        return condition instanceof Document operators && !operators.isEmpty()
            && operators.keySet().stream().allMatch(key -> key.startsWith("$") && !key.equals("$eq"));
    }

    /** The document an upsert inserts: {@code _id} and the changes, {@code $setOnInsert} included; null if not plain. */
    Document inserted(String id) {
        return applyTo(new Document("_id", id), true);
    }

    /**
     * The document with the changes applied: {@code document} itself if they change nothing, a new document sharing
     * the unchanged subdocuments otherwise, or null if one of them is not plain for this document. {@code document}
     * is left as it is.
     */
    Document applyTo(Document document) {
        return applyTo(document, false);
    }

    private Document applyTo(Document document, boolean inserting) {
        Document updated = new Document(document);
        Set<Document> copies = Collections.newSetFromMap(new IdentityHashMap<>());
        copies.add(updated);
        boolean changed = false;
        for (Change change : changes) {
            if (change.operator() == Operator.SET_ON_INSERT && !inserting) {
                continue;
            }
            Document parent = parentOf(updated, change, copies);
            if (parent == null) {
                return null;
            }
            String field = change.path()[change.path().length - 1];
            boolean present = parent.containsKey(field);
            Object old = parent.get(field);
            switch (change.operator()) {
                case SET, SET_ON_INSERT -> {
                    Boolean same = sameValue(present, old, change.value());
                    if (same == null) {
                        return null;
                    }
                    if (!same) {
                        parent.put(field, change.value());
                        changed = true;
                    }
                }
                case UNSET -> {
                    if (present) {
                        parent.remove(field);
                        changed = true;
                    }
                }
                case INC -> {
                    if (old != null && !isAddable(old)) {
                        return null;
                    }
                    Number sum = NumericUtils.addNumbers(old == null ? Integer.valueOf(0) : (Number) old, (Number) change.value());
                    if (old != null && !sum.equals(old) && sum.doubleValue() == ((Number) old).doubleValue()) {
                        return null; // only the type changes (an increment by zero): see sameValue
                    }
                    if (!present || !sum.equals(old)) {
                        parent.put(field, sum);
                        changed = true;
                    }
                }
                case PUSH -> {
                    if (old != null && !(old instanceof List<?>)) {
                        return null;
                    }
                    List<Object> list = old == null ? new ArrayList<>() : new ArrayList<>((List<?>) old);
                    list.add(change.value());
                    parent.put(field, list);
                    changed = true;
                }
            }
        }
        return changed ? updated : document;
    }

    /** Whether an index on these key paths may see a different key after the update. */
    boolean touches(List<String> keyPaths) {
        for (String keyPath : keyPaths) {
            if (overlapsAny(keyPath, paths)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The document holding the path's last field, copied where it was shared, with missing subdocuments created; for
     * {@code $unset}, where the path is missing, an empty document standing for it, so that nothing is removed. Null
     * where the path meets something other than a document.
     */
    private static Document parentOf(Document updated, Change change, Set<Document> copies) {
        Document current = updated;
        String[] path = change.path();
        for (int i = 0; i < path.length - 1; i++) {
            Object next = current.get(path[i]);
            Document child;
            if (next instanceof Document document) {
                child = copies.contains(document) ? document : new Document(document);
            } else if (next == null && change.operator() == Operator.UNSET) {
                return new Document();
            } else if (next == null) {
                child = new Document();
            } else {
                return null;
            }
            if (child != next) {
                copies.add(child);
                current.put(path[i], child);
            }
            current = child;
        }
        return current;
    }

    /**
     * Whether {@code $set} leaves the field as it is; null when numbers of different types are compared (the generic
     * path compares them by value, and whether to keep the stored type is its decision).
     */
    private static Boolean sameValue(boolean present, Object old, Object value) {
        if (!present) {
            return false;
        }
        if (old instanceof Number && value instanceof Number && old.getClass() != value.getClass()) {
            return null;
        }
        if (old instanceof Double a && value instanceof Double b) {
            return a.doubleValue() == b.doubleValue() || a.isNaN() && b.isNaN();
        }
        return Objects.equals(old, value);
    }

    private static boolean isAddable(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Double;
    }

    /** The path's fields, or null if one is empty, an operator ({@code $}), an array position or {@code _id}. */
    private static String[] plainPath(String path) {
        String[] fields = path.split("\\.", -1);
        if (fields[0].equals("_id")) {
            return null;
        }
        for (String field : fields) {
            if (field.isEmpty() || field.charAt(0) == '$' || isDigits(field)) {
                return null;
            }
        }
        return fields;
    }

    private static boolean isDigits(String field) {
        for (int i = 0; i < field.length(); i++) {
            if (!Character.isDigit(field.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean plainValue(Operator operator, Object value) {
        if (operator == Operator.INC) {
            return isAddable(value);
        }
        if (operator == Operator.PUSH && value instanceof Document document && document.keySet().stream().anyMatch(key -> key.startsWith("$"))) {
            return false;
        }
        return hasValidFieldNames(value);
    }

    private static boolean hasValidFieldNames(Object value) {
        if (value instanceof Document document) {
            try {
                Utils.validateFieldNames(document);
                return true;
            } catch (MongoServerException e) {
                return false;
            }
        }
        if (value instanceof Collection<?> values) {
            return values.stream().allMatch(PlainUpdate::hasValidFieldNames);
        }
        return true;
    }

    private static boolean overlapsAny(String path, List<String> others) {
        for (String other : others) {
            if (Utils.getShorterPathIfPrefix(path, other) != null) {
                return true;
            }
        }
        return false;
    }
}
