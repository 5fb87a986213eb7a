package dev.couponbook.query.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

/**
 * One read model's collection and the indexes its queries need, declared next to the typed view
 * that names its fields. {@link ReadModelIndexes} ensures every declared index at start-up, and a
 * projection whose reset drops the collection ensures them again.
 */
public record ReadModelCollection(String name, List<IndexModel> indexes) {

    public ReadModelCollection {
        indexes = List.copyOf(indexes);
    }

    public MongoCollection<Document> in(MongoTemplate mongo) {
        return mongo.getCollection(name);
    }

    /** Creates the missing indexes; those that exist with the same keys and name are left as they are. */
    public void ensureIndexes(MongoTemplate mongo) {
        if (!indexes.isEmpty()) {
            in(mongo).createIndexes(indexes);
        }
    }
}
