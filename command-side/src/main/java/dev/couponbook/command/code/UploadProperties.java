package dev.couponbook.command.code;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How code uploads are stored and reported ({@code couponbook.upload.*}).
 *
 * @param batchSize codes checked against the registry and recorded on the book at a time
 * @param maxErrors refused lines listed in the upload's report; later ones are only counted
 */
@Validated
@ConfigurationProperties("couponbook.upload")
public record UploadProperties(@Positive Integer batchSize, @PositiveOrZero Integer maxErrors) {

    public UploadProperties {
        batchSize = batchSize == null ? 10_000 : batchSize;
        maxErrors = maxErrors == null ? 1_000 : maxErrors;
    }
}
