package dev.couponbook.server.deadline;

import com.mongodb.client.MongoClient;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Axon's one deadline manager, kept by JobRunr in the service's MongoDB ({@code jobrunr_*}
 * collections), so a deadline outlives the instance that scheduled it and runs once, on whichever
 * instance runs {@link DeadlineRunner}. A deadline is Axon's serialized message plus its scope (the
 * coupon or saga it goes back to), written with Axon's own serializer. JobRunr's dashboard is never
 * started.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadlineProperties.class)
public class DeadlineConfiguration {

    static final String COLLECTION_PREFIX = "jobrunr_";

    @Bean
    JsonMapper deadlineJsonMapper() {
        return new JacksonJsonMapper();
    }

    @Bean
    StorageProvider deadlineStorage(MongoClient client, MongoTemplate mongo, JsonMapper deadlineJsonMapper) {
        MongoDBStorageProvider storage = new MongoDBStorageProvider(client, mongo.getDb().getName(),
                COLLECTION_PREFIX, DatabaseOptions.CREATE);
        storage.setJobMapper(new JobMapper(deadlineJsonMapper));
        return storage;
    }

    @Bean
    JobRunrDeadlineManager deadlineManager(StorageProvider deadlineStorage, org.axonframework.config.Configuration axon,
                                           Serializer serializer, TransactionManager transactionManager) {
        return JobRunrDeadlineManager.builder()
                .jobScheduler(new JobScheduler(deadlineStorage))
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .build();
    }
}
