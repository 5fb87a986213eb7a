package dev.couponbook.server;

import dev.couponbook.server.axon.EventProcessingProperties;
import dev.couponbook.server.axon.EventTrackingProperties;
import dev.couponbook.server.axon.MongoTransactionProperties;
import dev.couponbook.server.embedded.InfrastructureProperties;
import dev.couponbook.server.ratelimit.RateLimitProperties;
import dev.couponbook.server.security.CorsProperties;
import dev.couponbook.server.security.JwtProperties;
import dev.couponbook.server.web.RequestLimitProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's settings bind from properties, default where unset, and refuse start-up when out
 * of range. An empty value, which application.yml gives a variable that is not set, means the default.
 */
class ServerSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    /** Not a {@code @Configuration}, so the server's component scan never picks it up. */
    @EnableConfigurationProperties({EventProcessingProperties.class, MongoTransactionProperties.class,
            RequestLimitProperties.class, CorsProperties.class, EventTrackingProperties.class, JwtProperties.class,
            RateLimitProperties.class, InfrastructureProperties.class})
    static class Settings {
    }

    @Test
    void canStartWithTheDefaultsWhenNothingIsSet() {
        context.run(started -> assertDefaults(started.getBean(EventProcessingProperties.class),
                started.getBean(MongoTransactionProperties.class), started.getBean(RequestLimitProperties.class),
                started.getBean(CorsProperties.class), started.getBean(EventTrackingProperties.class),
                started.getBean(JwtProperties.class)));
    }

    @Test
    void canTakeAnEmptyValueForTheDefault() {
        context.withPropertyValues("couponbook.mongo.transactions=", "couponbook.events.gap-timeout=",
                "couponbook.security.jwt.issuer=", "couponbook.security.jwt.audience=", "couponbook.security.jwt.ttl=",
                "couponbook.cors.allowed-origins=", "couponbook.mongodb.database=", "couponbook.embedded.data-dir=",
                "couponbook.embedded.durability=", "couponbook.embedded.mongo-port=").run(started -> {
            assertDefaults(started.getBean(EventProcessingProperties.class),
                    started.getBean(MongoTransactionProperties.class), started.getBean(RequestLimitProperties.class),
                    started.getBean(CorsProperties.class), started.getBean(EventTrackingProperties.class),
                    started.getBean(JwtProperties.class));
            InfrastructureProperties infrastructure = started.getBean(InfrastructureProperties.class);
            assertThat(infrastructure.mongodb()).isEqualTo(new InfrastructureProperties.Mongodb("", "couponbook"));
            assertThat(infrastructure.embedded()).isEqualTo(new InfrastructureProperties.Embedded("data", true, "fsync", 0));
        });
    }

    private static void assertDefaults(EventProcessingProperties processing, MongoTransactionProperties mongo,
                                       RequestLimitProperties limits, CorsProperties cors,
                                       EventTrackingProperties events, JwtProperties jwt) {
        assertThat(processing.processing()).isEqualTo(new EventProcessingProperties.Processing(1, 100));
        assertThat(processing.readModels().batchSize()).isEqualTo(500);
        assertThat(mongo.transactions()).isEqualTo("auto");
        assertThat(limits).isEqualTo(new RequestLimitProperties(DataSize.ofMegabytes(1), DataSize.ofMegabytes(512)));
        assertThat(cors.allowedOrigins()).allMatch(String::isBlank);
        assertThat(events).isEqualTo(new EventTrackingProperties(Duration.ofSeconds(10), 1_000, 10_000, 1_000));
        assertThat(jwt.issuer()).isEqualTo("coupon-book-service");
        assertThat(jwt.audience()).isEqualTo("coupon-book-api");
        assertThat(jwt.ttl()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void canTakeEverySettingFromItsProperty() {
        context.withPropertyValues("couponbook.processing.segments=4", "couponbook.processing.batch-size=50",
                "couponbook.read-models.batch-size=2000", "couponbook.mongo.transactions=required",
                "couponbook.limits.max-body=64KB", "couponbook.limits.max-upload=1GB",
                "couponbook.cors.allowed-origins=https://shop.example,https://app.example",
                "couponbook.events.gap-timeout=30s", "couponbook.events.max-gaps=200",
                "couponbook.events.shared-reads=0", "couponbook.events.read-batch-size=250").run(started -> {
            EventProcessingProperties processing = started.getBean(EventProcessingProperties.class);
            assertThat(processing.processing()).isEqualTo(new EventProcessingProperties.Processing(4, 50));
            assertThat(processing.readModels().batchSize()).isEqualTo(2000);
            assertThat(started.getBean(MongoTransactionProperties.class).transactions()).isEqualTo("required");
            assertThat(started.getBean(RequestLimitProperties.class))
                    .isEqualTo(new RequestLimitProperties(DataSize.ofKilobytes(64), DataSize.ofGigabytes(1)));
            assertThat(started.getBean(CorsProperties.class).allowedOrigins())
                    .isEqualTo(List.of("https://shop.example", "https://app.example"));
            assertThat(started.getBean(EventTrackingProperties.class))
                    .isEqualTo(new EventTrackingProperties(Duration.ofSeconds(30), 200, 0, 250));
        });
    }

    /**
     * The deployment files set the segment count by a variable that application.yml does not map;
     * README names variables with underscores for dashes, which Spring also accepts.
     */
    @Test
    void canTakeASettingFromTheEnvironmentVariableOfItsName() {
        context.withInitializer(started -> started.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("COUPONBOOK_PROCESSING_SEGMENTS", "4", "COUPONBOOK_READ_MODELS_BATCH_SIZE", "50"))))
                .run(started -> {
                    EventProcessingProperties processing = started.getBean(EventProcessingProperties.class);
                    assertThat(processing.processing().segments()).isEqualTo(4);
                    assertThat(processing.readModels().batchSize()).isEqualTo(50);
                });
    }

    @Test
    void cannotStartWithASettingOutOfRange() {
        refused("couponbook.processing.segments=0", "segments");
        refused("couponbook.events.max-gaps=0", "maxGaps");
        refused("couponbook.events.shared-reads=-1", "sharedReads");
        refused("couponbook.events.read-batch-size=0", "readBatchSize");
        refused("couponbook.rate-limit.logins-per-ip-per-minute=-1", "loginsPerIpPerMinute");
        refused("couponbook.read-models.batch-size=-5", "batchSize");
        refused("couponbook.limits.max-body=0B", "positive");
    }

    private void refused(String property, String field) {
        context.withPropertyValues(property).run(started -> assertThat(started).getFailure()
                .hasRootCauseInstanceOf(BindValidationException.class)
                .rootCause().hasMessageContaining(field));
    }
}
