package dev.couponbook.generation;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The generation settings bind from properties, default where unset, and refuse start-up when out of range. */
class GenerationSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class)
            .withPropertyValues("couponbook.namespace=run-1");

    /** Not a {@code @Configuration}, so the server's component scan never picks it up. */
    @EnableConfigurationProperties({GenerationSettings.class, NamespaceProperties.class})
    static class Settings {
    }

    @Test
    void canStartWithTheDefaultsWhenNothingIsSet() {
        context.run(started -> {
            assertThat(started.getBean(GenerationSettings.class)).isEqualTo(new GenerationSettings(
                    Duration.ofSeconds(30), 100, 20, 2, 4, Duration.ofSeconds(10), 5));
            assertThat(started.getBean(GenerationSettings.class).refill()).isEqualTo(25);
            assertThat(started.getBean(NamespaceProperties.class).namespace()).isEqualTo("run-1");
        });
    }

    @Test
    void canTakeEverySettingFromItsProperty() {
        context.withPropertyValues("couponbook.generation.chunk-timeout=1s", "couponbook.generation.publish-window=8",
                "couponbook.generation.max-idle-sweeps=3", "couponbook.generation.worker-concurrency=6",
                "couponbook.generation.worker-prefetch=1", "couponbook.generation.confirm-timeout=500ms",
                "couponbook.generation.max-attempts=2").run(started ->
                assertThat(started.getBean(GenerationSettings.class)).isEqualTo(new GenerationSettings(
                        Duration.ofSeconds(1), 8, 3, 6, 1, Duration.ofMillis(500), 2)));
    }

    @Test
    void cannotStartWithASettingOutOfRange() {
        refused("couponbook.generation.publish-window=0", "publishWindow");
        refused("couponbook.generation.worker-concurrency=0", "workerConcurrency");
        refused("couponbook.generation.chunk-timeout=0s", "chunkTimeout");
        refused("couponbook.namespace= ", "namespace");
    }

    private void refused(String property, String field) {
        context.withPropertyValues(property).run(started -> assertThat(started).getFailure()
                .hasRootCauseInstanceOf(BindValidationException.class)
                .rootCause().hasMessageContaining(field));
    }
}
