package dev.couponbook.server.axon;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * A MongoTemplate whose collections join the MongoDB transaction of the calling thread. The
 * projections and registries keep the collection they get at start-up; Spring binds a
 * collection to a transaction's session only when it is fetched inside that transaction, so
 * the collection handed out here fetches the real one again on every call.
 */
public class TransactionBoundMongoTemplate extends MongoTemplate {

    public TransactionBoundMongoTemplate(MongoDatabaseFactory factory, MongoConverter converter) {
        super(factory, converter);
    }

    @Override
    @SuppressWarnings("unchecked")
    public MongoCollection<Document> getCollection(String collectionName) {
        return (MongoCollection<Document>) Proxy.newProxyInstance(MongoCollection.class.getClassLoader(),
                new Class<?>[]{MongoCollection.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "transaction-bound collection " + collectionName;
                        };
                    }
                    try {
                        return method.invoke(current(collectionName), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private MongoCollection<Document> current(String collectionName) {
        return super.getCollection(collectionName);
    }
}
