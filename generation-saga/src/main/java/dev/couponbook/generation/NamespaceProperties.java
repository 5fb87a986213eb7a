package dev.couponbook.generation;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The prefix of the generation queues of this deployment ({@code couponbook.namespace}, the same
 * key that names the command side's Redis keys), so deployments and test runs sharing a broker
 * never take each other's chunks. No default: the server sets one before the context starts.
 */
@Validated
@ConfigurationProperties("couponbook")
public record NamespaceProperties(@NotBlank String namespace) {
}
