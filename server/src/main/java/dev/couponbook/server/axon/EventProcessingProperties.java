package dev.couponbook.server.axon;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the tracking event processors split and batch their work ({@code couponbook.processing.*}
 * and {@code couponbook.read-models.*}), applied by {@link EventProcessing}.
 *
 * @param processing every tracking processor
 * @param readModels the read-model processors' own batch size
 */
@Validated
@ConfigurationProperties("couponbook")
public record EventProcessingProperties(@Valid Processing processing, @Valid ReadModels readModels) {

    public EventProcessingProperties {
        processing = processing == null ? new Processing(null, null) : processing;
        readModels = readModels == null ? new ReadModels(null) : readModels;
    }

    /**
     * @param segments  segments per parallel processor, as many threads; at least the number of instances
     *                  that share the work (fixed when a processor first starts)
     * @param batchSize events handled in one unit of work with one token update
     */
    public record Processing(@Positive Integer segments, @Positive Integer batchSize) {

        public Processing {
            segments = segments == null ? 1 : segments;
            batchSize = batchSize == null ? 100 : batchSize;
        }
    }

    /** @param batchSize events a read-model processor handles in one unit of work and one bulk write per collection */
    public record ReadModels(@Positive Integer batchSize) {

        public ReadModels {
            batchSize = batchSize == null ? 500 : batchSize;
        }
    }
}
