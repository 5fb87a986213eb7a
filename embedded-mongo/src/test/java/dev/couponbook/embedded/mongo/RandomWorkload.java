package dev.couponbook.embedded.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random documents, random writes and random queries applied to an indexed collection and to a reference
 * collection on a backend without usable indexes; every answer must agree. Fields are the kinds Axon and the
 * read models store: ints, longs, doubles with whole values, strings, dates, nulls and missing fields.
 */
final class RandomWorkload {

    private static final List<String> QUERY_FIELDS = List.of("a", "a", "b", "s", "d", "c", "t", "k1", "k2", "u");
    private static final List<String> SORT_FIELDS = List.of("a", "b", "s", "d", "c", "k1", "k2", "u");
    private static final long BASE_TIME = 1_700_000_000_000L;

    private final Random random;
    private final MongoCollection<Document> indexed;
    private final MongoCollection<Document> reference;
    private int nextId;
    private int queries;
    private String lastWrite = "initial load";

    private final LongSupplier indexedExamined;
    private int indexAnsweredQueries;

    RandomWorkload(Random random, MongoCollection<Document> indexed, MongoCollection<Document> reference,
                   LongSupplier indexedExamined) {
        this.random = random;
        this.indexed = indexed;
        this.reference = reference;
        this.indexedExamined = indexedExamined;
    }

    /** Points the workload at a new indexed collection, e.g. the same one after a restart. */
    RandomWorkload withIndexed(MongoCollection<Document> newIndexed, LongSupplier newIndexedExamined) {
        RandomWorkload copy = new RandomWorkload(random, newIndexed, reference, newIndexedExamined);
        copy.nextId = nextId;
        return copy;
    }

    void createIndexes() {
        for (MongoCollection<Document> collection : List.of(indexed, reference)) {
            collection.createIndex(Indexes.ascending("a"));
            collection.createIndex(Indexes.compoundIndex(Indexes.ascending("a"), Indexes.descending("b")));
            collection.createIndex(Indexes.compoundIndex(Indexes.ascending("s"), Indexes.descending("d")));
            collection.createIndex(Indexes.ascending("c"));
            collection.createIndex(Indexes.ascending("t"));
            collection.createIndex(Indexes.ascending("k1", "k2"), new IndexOptions().unique(true));
            collection.createIndex(Indexes.descending("u"), new IndexOptions().unique(true).sparse(true));
        }
    }

    void insert(int count) {
        for (int i = 0; i < count; i += 100) {
            List<Document> batch = new ArrayList<>();
            for (int j = i; j < Math.min(count, i + 100); j++) {
                batch.add(randomDocument(nextId++));
            }
            compareOutcome("insertMany " + batch.size(), c -> c.insertMany(copies(batch)).getInsertedIds().size());
        }
    }

    /** Runs {@code count} random queries, with a random write before every fourth one. */
    void run(int count) {
        for (int i = 0; i < count; i++) {
            if (i % 4 == 0) {
                randomWrite();
                assertSameContents();
            }
            checkRandomQuery();
        }
        assertSameContents();
    }

    int queriesRun() {
        return queries;
    }

    /** Random queries for which the indexed side examined fewer documents than a full scan does. */
    int indexAnsweredQueries() {
        return indexAnsweredQueries;
    }

    void assertSameContents() {
        assertThat(all(indexed)).as(lastWrite).isEqualTo(all(reference));
    }

    private static List<Document> all(MongoCollection<Document> collection) {
        return collection.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private Document randomDocument(int id) {
        Document document = new Document("_id", id);
        putUnlessMissing(document, "a", randomA());
        putUnlessMissing(document, "b", random.nextInt(10) == 0 ? missingOrNull() : random.nextInt(30));
        putUnlessMissing(document, "s", random.nextInt(8) == 0 ? missingOrNull() : randomString());
        putUnlessMissing(document, "d", random.nextInt(8) == 0 ? Missing.VALUE : randomDate());
        document.put("c", randomLong());
        putUnlessMissing(document, "t", randomT());
        document.put("k1", id % 37);
        document.put("k2", id / 37);
        if (random.nextInt(3) == 0) {
            document.put("u", id * 7);
        }
        document.put("payload", "p" + random.nextInt(1000));
        return document;
    }

    private enum Missing { VALUE }

    private Object missingOrNull() {
        return random.nextBoolean() ? Missing.VALUE : null;
    }

    private static void putUnlessMissing(Document document, String field, Object value) {
        if (value != Missing.VALUE) {
            document.put(field, value);
        }
    }

    /** Whole numbers in three BSON types, so that 3, 3L and 3.0 must be found as equal. */
    private Object randomA() {
        int n = random.nextInt(10);
        return switch (random.nextInt(10)) {
            case 0 -> (double) n;
            case 1 -> (long) n;
            case 2 -> "x" + random.nextInt(4);
            case 3 -> missingOrNull();
            default -> n;
        };
    }

    /** Mostly scalars; the occasional array makes the index multikey, which must fall back to scanning. */
    private Object randomT() {
        if (random.nextInt(40) == 0) {
            return List.of(random.nextInt(6), random.nextInt(6));
        }
        return random.nextInt(6);
    }

    private String randomString() {
        return "" + (char) ('a' + random.nextInt(4)) + (char) ('a' + random.nextInt(4));
    }

    private Date randomDate() {
        return new Date(BASE_TIME + random.nextInt(500) * 1000L);
    }

    private long randomLong() {
        return 3_000_000_000L + random.nextInt(1000) * 1_000_003L;
    }

    private Object randomValue(String field) {
        return switch (field) {
            case "a" -> random.nextInt(8) == 0 ? null : randomA();
            case "b", "k1" -> random.nextInt(12) == 0 ? null : random.nextInt(40) - 2;
            case "k2" -> random.nextInt(60);
            case "s" -> random.nextInt(12) == 0 ? "b" : randomString();
            case "d" -> randomDate();
            case "c" -> random.nextBoolean() ? randomLong() : (long) random.nextInt(2000) * 1_000_003L + 2_999_000_000L;
            case "t" -> random.nextInt(7);
            case "u" -> random.nextInt(nextId * 7 + 1);
            default -> throw new IllegalArgumentException(field);
        };
    }

    private Object valueOrNull(String field) {
        Object value = randomValue(field);
        return value == Missing.VALUE ? null : value;
    }

    private Bson randomCondition() {
        String field = QUERY_FIELDS.get(random.nextInt(QUERY_FIELDS.size()));
        return switch (random.nextInt(13)) {
            case 0, 1 -> Filters.eq(field, valueOrNull(field));
            case 2 -> Filters.in(field, valueOrNull(field), valueOrNull(field), valueOrNull(field));
            case 3 -> Filters.gt(field, nonNull(field));
            case 4 -> Filters.gte(field, nonNull(field));
            case 5 -> Filters.lt(field, nonNull(field));
            case 6 -> Filters.lte(field, nonNull(field));
            case 7 -> new Document(field, new Document("$gte", nonNull(field)).append("$lt", nonNull(field)));
            case 8 -> Filters.ne(field, valueOrNull(field));
            case 9 -> Filters.exists(field, random.nextBoolean());
            case 10 -> Filters.nin(field, valueOrNull(field), valueOrNull(field));
            case 11 -> Filters.or(Filters.eq(field, valueOrNull(field)), Filters.eq("b", random.nextInt(30)));
            default -> Filters.in(field);
        };
    }

    private Object nonNull(String field) {
        Object value;
        do {
            value = valueOrNull(field);
        } while (value == null);
        return value;
    }

    private Bson randomFilter() {
        int conditions = random.nextInt(4);
        if (conditions == 0) {
            return new Document();
        }
        List<Bson> parts = new ArrayList<>();
        for (int i = 0; i < conditions; i++) {
            parts.add(randomCondition());
        }
        if (conditions == 1 && random.nextBoolean()) {
            return parts.get(0);
        }
        if (random.nextBoolean()) {
            // the flat form {x: .., y: ..} besides the $and form that Filters.and renders
            Document flat = new Document();
            for (Bson part : parts) {
                flat.putAll(part.toBsonDocument());
            }
            return flat;
        }
        return Filters.and(parts);
    }

    private Document randomSort() {
        if (random.nextInt(10) < 3) {
            return null;
        }
        Document sort = new Document();
        int keys = 1 + random.nextInt(2);
        for (int i = 0; i < keys; i++) {
            sort.put(SORT_FIELDS.get(random.nextInt(SORT_FIELDS.size())), random.nextBoolean() ? 1 : -1);
        }
        if (random.nextInt(10) < 7) {
            sort.put("_id", random.nextBoolean() ? 1 : -1);
        }
        return sort;
    }

    private void checkRandomQuery() {
        queries++;
        Bson filter = randomFilter();
        Document sort = randomSort();
        int limit = random.nextInt(10) < 4 ? 0 : 1 + random.nextInt(25);
        int skip = random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(5);
        String description = "filter " + filter.toBsonDocument().toJson() + " sort " + sort + " skip " + skip
            + " limit " + limit;

        long examinedBefore = indexedExamined.getAsLong();
        List<Document> actual = find(indexed, filter, sort, skip, limit);
        if (indexedExamined.getAsLong() - examinedBefore < indexed.countDocuments()) {
            indexAnsweredQueries++;
        }
        List<Document> expected = find(reference, filter, sort, skip, limit);

        boolean totalOrder = sort != null && sort.keySet().stream().reduce((x, y) -> y).orElseThrow().equals("_id");
        boolean everything = skip == 0 && limit == 0;
        if (totalOrder) {
            assertThat(actual).as(description).isEqualTo(expected);
            return;
        }
        if (sort != null) {
            // ties may come in another order, but the sequence of sort keys must be the same
            assertThat(actual).as(description).extracting(document -> sortKey(document, sort))
                .isEqualTo(expected.stream().map(document -> sortKey(document, sort)).toList());
        }
        if (everything) {
            assertThat(actual).as(description).containsExactlyInAnyOrderElementsOf(expected);
        } else {
            assertThat(actual).as(description).hasSize(expected.size());
            assertThat(find(reference, filter, null, 0, 0)).as(description).containsAll(actual);
        }
    }

    private static List<Object> sortKey(Document document, Document sort) {
        List<Object> key = new ArrayList<>();
        for (String field : sort.keySet()) {
            Object value = document.get(field);
            key.add(value instanceof Number number ? (Object) number.doubleValue() : value);
        }
        return key;
    }

    private static List<Document> find(MongoCollection<Document> collection, Bson filter, Document sort, int skip,
                                       int limit) {
        FindIterable<Document> find = collection.find(filter).skip(skip).limit(limit);
        if (sort != null) {
            find = find.sort(sort);
        }
        return find.into(new ArrayList<>());
    }

    // all randomness is drawn before the write so that both collections get exactly the same operation
    private void randomWrite() {
        switch (random.nextInt(7)) {
            case 0 -> insert(1 + random.nextInt(5));
            case 1 -> {
                Bson filter = Filters.eq("b", random.nextInt(30));
                String field = List.of("a", "b", "s", "d", "t").get(random.nextInt(5));
                Bson update = random.nextInt(4) == 0 ? Updates.unset(field) : Updates.set(field, valueOrNull(field));
                compareOutcome("updateMany " + filter + " " + update,
                    c -> c.updateMany(filter, update).getModifiedCount());
            }
            case 2 -> {
                // unique keys change one document at a time so that a duplicate key fails the same way on both
                Bson filter = Filters.eq("_id", random.nextInt(nextId));
                String field = List.of("k2", "u", "c").get(random.nextInt(3));
                Bson update = Updates.set(field, randomValue(field));
                compareOutcome("updateOne " + filter + " " + update,
                    c -> c.updateOne(filter, update).getModifiedCount());
            }
            case 3 -> {
                Bson filter = Filters.and(Filters.eq("b", random.nextInt(30)), Filters.eq("s", randomString()));
                compareOutcome("deleteMany " + filter, c -> c.deleteMany(filter).getDeletedCount());
            }
            case 4 -> {
                Bson filter = Filters.eq("_id", random.nextInt(nextId));
                compareOutcome("deleteOne " + filter, c -> c.deleteOne(filter).getDeletedCount());
            }
            case 5 -> {
                Document replacement = randomDocument(random.nextInt(nextId));
                Bson filter = Filters.eq("_id", replacement.get("_id"));
                compareOutcome("replaceOne " + replacement,
                    c -> c.replaceOne(filter, new Document(replacement)).getModifiedCount());
            }
            default -> {
                Bson filter = Filters.gte("a", random.nextInt(8));
                Bson update = Updates.set("s", randomString());
                Document sort = new Document("a", 1).append("_id", random.nextBoolean() ? 1 : -1);
                compareOutcome("findOneAndUpdate " + filter + " " + sort, c -> c.findOneAndUpdate(filter, update,
                    new FindOneAndUpdateOptions().sort(sort).returnDocument(ReturnDocument.AFTER)));
            }
        }
    }

    private void compareOutcome(String description, Function<MongoCollection<Document>, Object> write) {
        lastWrite = description;
        assertThat(outcome(indexed, write)).as(description).isEqualTo(outcome(reference, write));
    }

    private static Object outcome(MongoCollection<Document> collection, Function<MongoCollection<Document>, Object> write) {
        try {
            return write.apply(collection);
        } catch (MongoBulkWriteException e) {
            return "error " + e.getWriteErrors().get(0).getCode() + " at " + e.getWriteErrors().get(0).getIndex();
        } catch (MongoException e) {
            return "error " + e.getCode();
        }
    }

    private static List<Document> copies(List<Document> documents) {
        List<Document> copies = new ArrayList<>();
        for (Document document : documents) {
            copies.add(new Document(document));
        }
        return copies;
    }
}
