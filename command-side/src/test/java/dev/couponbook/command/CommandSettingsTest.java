package dev.couponbook.command;

import dev.couponbook.command.assignment.AssignmentProperties;
import dev.couponbook.command.budget.RedemptionLimitProperties;
import dev.couponbook.command.code.UploadProperties;
import dev.couponbook.command.CommandRetryProperties;
import dev.couponbook.command.coupon.LockProperties;
import dev.couponbook.command.couponbook.BookTermsProperties;
import dev.couponbook.command.couponbook.GenerationRequestProperties;
import dev.couponbook.command.idempotency.IdempotencyProperties;
import dev.couponbook.command.NamespaceProperties;
import dev.couponbook.command.RedisClientProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The command side's settings bind from properties, default where unset, and refuse start-up when out of range. */
class CommandSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(CommandSettings.class)
            .withPropertyValues("couponbook.namespace=run-1");

    /** Not a {@code @Configuration}, so the server's component scan never picks it up. */
    @ConfigurationPropertiesScan("dev.couponbook.command")
    static class CommandSettings {
    }

    @Test
    void canStartWithTheDefaultsWhenNothingIsSet() {
        context.run(started -> {
            assertThat(started.getBean(NamespaceProperties.class).namespace()).isEqualTo("run-1");
            assertThat(started.getBean(RedisClientProperties.class).timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(started.getBean(BookTermsProperties.class).cacheTtl()).isEqualTo(Duration.ofSeconds(1));
            assertThat(started.getBean(GenerationRequestProperties.class))
                    .isEqualTo(new GenerationRequestProperties(1_000, 10_000, 10_000_000L));
            assertThat(started.getBean(UploadProperties.class)).isEqualTo(new UploadProperties(10_000, 1_000));
            assertThat(started.getBean(AssignmentProperties.class))
                    .isEqualTo(new AssignmentProperties(1_000));
            assertThat(started.getBean(CommandRetryProperties.class).conflictAttempts()).isEqualTo(5);
            assertThat(started.getBean(LockProperties.class))
                    .isEqualTo(new LockProperties(Duration.ofMinutes(5), Duration.ofMinutes(30)));
            assertThat(started.getBean(IdempotencyProperties.class))
                    .isEqualTo(new IdempotencyProperties(Duration.ofSeconds(60), Duration.ofHours(24)));
        });
    }

    @Test
    void canTakeEverySettingFromItsProperty() {
        context.withPropertyValues(
                "couponbook.redis.timeout=750ms",
                "couponbook.book-terms.cache-ttl=5s",
                "couponbook.generation.chunk-size=250", "couponbook.generation.max-chunk-size=2000", "couponbook.generation.max-count=5000",
                "couponbook.upload.batch-size=20", "couponbook.upload.max-errors=0",
                "couponbook.assignment.max-stale-codes=3",
                "couponbook.commands.conflict-attempts=9",
                "couponbook.locks.default-ttl=1m", "couponbook.locks.max-ttl=2h",
                "couponbook.idempotency.pending-ttl=30s", "couponbook.idempotency.ttl=7d").run(started -> {
            assertThat(started.getBean(RedisClientProperties.class).timeout()).isEqualTo(Duration.ofMillis(750));
            assertThat(started.getBean(BookTermsProperties.class).cacheTtl()).isEqualTo(Duration.ofSeconds(5));
            assertThat(started.getBean(GenerationRequestProperties.class))
                    .isEqualTo(new GenerationRequestProperties(250, 2_000, 5_000L));
            assertThat(started.getBean(UploadProperties.class)).isEqualTo(new UploadProperties(20, 0));
            assertThat(started.getBean(AssignmentProperties.class))
                    .isEqualTo(new AssignmentProperties(3));
            assertThat(started.getBean(CommandRetryProperties.class).conflictAttempts()).isEqualTo(9);
            assertThat(started.getBean(LockProperties.class))
                    .isEqualTo(new LockProperties(Duration.ofMinutes(1), Duration.ofHours(2)));
            assertThat(started.getBean(IdempotencyProperties.class))
                    .isEqualTo(new IdempotencyProperties(Duration.ofSeconds(30), Duration.ofDays(7)));
        });
    }

    @Test
    void cannotStartWithASettingOutOfRange() {
        refused("couponbook.locks.max-ttl=0s", "maxTtl");
        refused("couponbook.locks.default-ttl=1h", "defaultTtlWithinMax");
        refused("couponbook.commands.conflict-attempts=-1", "conflictAttempts");
        refused("couponbook.generation.chunk-size=0", "chunkSize");
        refused("couponbook.generation.max-chunk-size=10001", "maxChunkSize");
        refused("couponbook.redis.timeout=0s", "timeout");
        refused("couponbook.namespace=", "namespace");
    }

    @Test
    void canBindTheRedemptionLimitSettingsDefaultingWhereUnset() {
        context.run(started -> assertThat(started.getBean(RedemptionLimitProperties.class))
                .isEqualTo(new RedemptionLimitProperties(8, 50, Duration.ofMinutes(1))));
        context.withPropertyValues("couponbook.redemption-limits.budget-slices=16",
                "couponbook.redemption-limits.budget-block-size=5", "couponbook.redemption-limits.hold-ttl=30s")
                .run(started -> assertThat(started.getBean(RedemptionLimitProperties.class))
                        .isEqualTo(new RedemptionLimitProperties(16, 5, Duration.ofSeconds(30))));
    }

    @Test
    void cannotStartWithARedemptionLimitSettingOutOfRange() {
        refused("couponbook.redemption-limits.budget-slices=0", "budgetSlices");
        refused("couponbook.redemption-limits.budget-slices=257", "budgetSlices");
        refused("couponbook.redemption-limits.budget-block-size=0", "budgetBlockSize");
        refused("couponbook.redemption-limits.hold-ttl=0s", "holdTtl");
    }

    private void refused(String property, String field) {
        context.withPropertyValues(property).run(started -> assertThat(started).getFailure()
                .hasRootCauseInstanceOf(BindValidationException.class)
                .rootCause().hasMessageContaining(field));
    }
}
