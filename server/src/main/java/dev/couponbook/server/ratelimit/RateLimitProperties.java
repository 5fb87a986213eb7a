package dev.couponbook.server.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Request budgets per minute: coupon actions (assign, lock, unlock, redeem) per user and per
 * client IP, login attempts per client IP and per account (whatever address the guesses come
 * from). A budget of 0 switches that limit off.
 */
@ConfigurationProperties("couponbook.rate-limit")
public record RateLimitProperties(
        Integer couponActionsPerUserPerMinute,
        Integer couponActionsPerIpPerMinute,
        Integer loginsPerIpPerMinute,
        Integer loginsPerAccountPerMinute) {

    public RateLimitProperties {
        couponActionsPerUserPerMinute = couponActionsPerUserPerMinute == null ? 600 : couponActionsPerUserPerMinute;
        couponActionsPerIpPerMinute = couponActionsPerIpPerMinute == null ? 60_000 : couponActionsPerIpPerMinute;
        loginsPerIpPerMinute = loginsPerIpPerMinute == null ? 20 : loginsPerIpPerMinute;
        loginsPerAccountPerMinute = loginsPerAccountPerMinute == null ? 10 : loginsPerAccountPerMinute;
    }
}
