package dev.couponbook.server.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

public class JobRunrOnEmbeddedMongoTest {

    static final Set<String> RAN = ConcurrentHashMap.newKeySet();

    public static void ran(String what) {
        RAN.add(what);
    }

    @TempDir
    Path dir;

    @Test
    void canRunAScheduledJobAndOneScheduledBeforeARestart() throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dir);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port() + "/?uuidRepresentation=standard")) {
            MongoDBStorageProvider storage = new MongoDBStorageProvider(client, "spike", "jobrunr_", DatabaseOptions.CREATE);
            JacksonJsonMapper json = new JacksonJsonMapper();
            storage.setJobMapper(new JobMapper(json));
            JobScheduler scheduler = new JobScheduler(storage);
            BackgroundJobServer jobs = new BackgroundJobServer(storage, json, null,
                    usingStandardBackgroundJobServerConfiguration().andPollInterval(Duration.ofSeconds(5)));
            jobs.start();
            scheduler.schedule(Instant.now().plusSeconds(1), () -> ran("soon"));
            scheduler.schedule(Instant.now().plusSeconds(30), () -> ran("later"));
            await().atMost(Duration.ofSeconds(20)).until(() -> RAN.contains("soon"));
            jobs.stop();
            storage.close();
        }
        assertThat(RAN).doesNotContain("later");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(dir);
             MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port() + "/?uuidRepresentation=standard")) {
            MongoDBStorageProvider storage = new MongoDBStorageProvider(client, "spike", "jobrunr_", DatabaseOptions.CREATE);
            JacksonJsonMapper json = new JacksonJsonMapper();
            storage.setJobMapper(new JobMapper(json));
            BackgroundJobServer jobs = new BackgroundJobServer(storage, json, null,
                    usingStandardBackgroundJobServerConfiguration().andPollInterval(Duration.ofSeconds(5)));
            jobs.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> RAN.contains("later"));
            jobs.stop();
            storage.close();
        }
    }
}
