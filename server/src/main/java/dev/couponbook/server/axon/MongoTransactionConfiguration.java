package dev.couponbook.server.axon;

import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.MongoTransactionManager;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * Binds every Axon unit of work to a MongoDB transaction when the server runs them (see
 * {@link MongoTransactions}); otherwise Axon works without transactions, as on the embedded
 * default. Majority read and write concerns, so a committed unit of work survives a failover.
 */
@Configuration(proxyBeanMethods = false)
public class MongoTransactionConfiguration {

    @Bean
    public MongoTransactions mongoTransactions(MongoClient client, MongoTransactionProperties settings) {
        return MongoTransactions.detect(client, settings.transactions());
    }

    /** Spring Data's template for the read models and registries, bound to the running transaction when there is one. */
    @Bean
    public MongoTemplate mongoTemplate(MongoDatabaseFactory factory, MongoConverter converter, MongoTransactions transactions) {
        return transactions.enabled() ? new TransactionBoundMongoTemplate(factory, converter) : new MongoTemplate(factory, converter);
    }

    @Bean
    public TransactionManager axonTransactionManager(MongoDatabaseFactory factory, MongoTransactions transactions) {
        if (!transactions.enabled()) {
            return NoTransactionManager.INSTANCE;
        }
        MongoTransactionManager mongo = new MongoTransactionManager(factory, TransactionOptions.builder()
                .readConcern(ReadConcern.MAJORITY).writeConcern(WriteConcern.MAJORITY).build());
        mongo.afterPropertiesSet();
        return new SpringTransactionManager(mongo);
    }
}
