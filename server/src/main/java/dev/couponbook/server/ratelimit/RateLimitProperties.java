package dev.couponbook.server.ratelimit;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Request budgets per minute: coupon actions (assign, validate, lock, unlock, redeem, reverse)
 * per user, per service account (which acts for many users) and per client IP, login attempts
 * per client IP and per account (whatever address the guesses come from). A budget of 0 switches
 * that limit off.
 */
@Validated
@ConfigurationProperties("couponbook.rate-limit")
public record RateLimitProperties(
        @PositiveOrZero Integer couponActionsPerUserPerMinute,
        @PositiveOrZero Integer couponActionsPerIpPerMinute,
        @PositiveOrZero Integer loginsPerIpPerMinute,
        @PositiveOrZero Integer loginsPerAccountPerMinute,
        @PositiveOrZero Integer couponActionsPerServiceAccountPerMinute) {

    public RateLimitProperties {
        couponActionsPerUserPerMinute = couponActionsPerUserPerMinute == null ? 600 : couponActionsPerUserPerMinute;
        couponActionsPerIpPerMinute = couponActionsPerIpPerMinute == null ? 60_000 : couponActionsPerIpPerMinute;
        loginsPerIpPerMinute = loginsPerIpPerMinute == null ? 20 : loginsPerIpPerMinute;
        loginsPerAccountPerMinute = loginsPerAccountPerMinute == null ? 10 : loginsPerAccountPerMinute;
        couponActionsPerServiceAccountPerMinute = couponActionsPerServiceAccountPerMinute == null ? 60_000
                : couponActionsPerServiceAccountPerMinute;
    }
}
