package dev.couponbook.server.health;

import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, which every server answers. Spring Boot's own indicator sends
 * {@code hello}, which mongo-java-server does not implement, so the embedded default would
 * report MongoDB down while it works. Named so that it replaces Spring Boot's indicator.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB health check failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Document answer = mongo.executeCommand(new Document("ping", 1));
        builder.status(answer.get("ok", Number.class).intValue() == 1 ? "UP" : "DOWN")
                .withDetail("database", mongo.getDb().getName());
    }
}
