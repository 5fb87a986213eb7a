package dev.couponbook.server.axon;

import com.mongodb.client.MongoCollection;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;

/**
 * axon-mongo's collections, fetched through a {@link TransactionBoundMongoTemplate} so that the
 * event store, token store, saga store and dead-letter queue write in the unit of work's
 * MongoDB transaction. Collection names are axon-mongo's defaults, as with its own template.
 */
public class TransactionBoundAxonMongoTemplate implements MongoTemplate {

    private final org.springframework.data.mongodb.core.MongoTemplate mongo;

    public TransactionBoundAxonMongoTemplate(org.springframework.data.mongodb.core.MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public MongoCollection<Document> trackingTokensCollection() {
        return mongo.getCollection("trackingtokens");
    }

    @Override
    public MongoCollection<Document> eventCollection() {
        return mongo.getCollection("domainevents");
    }

    @Override
    public MongoCollection<Document> snapshotCollection() {
        return mongo.getCollection("snapshotevents");
    }

    @Override
    public MongoCollection<Document> sagaCollection() {
        return mongo.getCollection("sagas");
    }

    @Override
    public MongoCollection<Document> deadLetterCollection() {
        return mongo.getCollection("deadletters");
    }
}
