package dev.couponbook.command.couponbook;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What an admin may ask of code generation ({@code couponbook.generation.*}; how the saga and
 * the workers then run a job is the generation module's {@code GenerationProperties}).
 *
 * @param chunkSize codes per chunk a job is cut into, each generated and recorded as one unit
 * @param maxCount  the most codes one job may generate
 */
@Validated
@ConfigurationProperties("couponbook.generation")
public record GenerationRequestProperties(@Positive Integer chunkSize, @Positive Long maxCount) {

    public GenerationRequestProperties {
        chunkSize = chunkSize == null ? 1_000 : chunkSize;
        maxCount = maxCount == null ? 10_000_000L : maxCount;
    }
}
