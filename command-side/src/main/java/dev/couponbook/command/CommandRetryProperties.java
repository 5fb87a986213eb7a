package dev.couponbook.command;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How often a command that lost a write race is sent again ({@code couponbook.commands.*}, see {@link CommandRetry}).
 *
 * @param conflictAttempts attempts in all, the first included
 */
@Validated
@ConfigurationProperties("couponbook.commands")
public record CommandRetryProperties(@Positive Integer conflictAttempts) {

    public CommandRetryProperties {
        conflictAttempts = conflictAttempts == null ? 5 : conflictAttempts;
    }
}
