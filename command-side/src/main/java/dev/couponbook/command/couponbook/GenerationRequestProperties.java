package dev.couponbook.command.couponbook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What an admin may ask of code generation ({@code couponbook.generation.*}; how the saga and
 * the workers then run a job is the generation module's {@code GenerationProperties}).
 *
 * @param chunkSize    the smallest chunk a job is cut into, each generated and recorded as one unit
 * @param maxChunkSize the largest chunk; a large job gets chunks up to this size (see {@link CodeGenerationStarter})
 * @param maxCount     the most codes one job may generate
 */
@Validated
@ConfigurationProperties("couponbook.generation")
public record GenerationRequestProperties(@Positive Integer chunkSize,
                                          @Positive @Max(CouponBook.MAX_BATCH_SIZE) Integer maxChunkSize,
                                          @Positive Long maxCount) {

    public GenerationRequestProperties {
        chunkSize = chunkSize == null ? 1_000 : chunkSize;
        maxChunkSize = maxChunkSize == null ? CouponBook.MAX_BATCH_SIZE : maxChunkSize;
        maxCount = maxCount == null ? 10_000_000L : maxCount;
    }
}
