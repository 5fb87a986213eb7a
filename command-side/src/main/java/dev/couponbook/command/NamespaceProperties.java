package dev.couponbook.command;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The prefix of every Redis key of this deployment ({@code couponbook.namespace}), so deployments
 * and test runs sharing a Redis never see each other's keys. There is no default here: the
 * server's embedded infrastructure sets one before the context starts when none is given.
 */
@Validated
@ConfigurationProperties("couponbook")
public record NamespaceProperties(@NotBlank String namespace) {
}
