package dev.couponbook.server.metrics;

import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodesUploaded;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Counts what the service does, from the events this instance publishes (a subscribing
 * processor, so a restart or replay never counts history again): assignments, locks, unlocks,
 * lock expiries, redemptions, rejections by action and reason, codes generated and uploaded.
 * Prometheus sums the instances; {@code rate(couponbook_codes_generated_total[1m])} is codes/s.
 */
@Component
@ProcessingGroup(DomainMetrics.PROCESSING_GROUP)
public class DomainMetrics {

    public static final String PROCESSING_GROUP = "domain-metrics";

    private final MeterRegistry registry;
    private final Counter assigned;
    private final Counter locked;
    private final Counter unlocked;
    private final Counter lockExpired;
    private final Counter redeemed;
    private final Counter lockExtended;
    private final Counter reversed;
    private final Counter generated;
    private final Counter uploaded;

    public DomainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.assigned = counter("couponbook.coupons.assigned", "coupons assigned to a user");
        this.locked = counter("couponbook.coupons.locked", "coupon locks taken for a checkout");
        this.unlocked = counter("couponbook.coupons.unlocked", "coupon locks released by the holder");
        this.lockExpired = counter("couponbook.coupons.lock.expired", "coupon locks that ran out");
        this.redeemed = counter("couponbook.coupons.redeemed", "coupon redemptions");
        this.lockExtended = counter("couponbook.coupons.lock.extended", "live locks given back, extended, to a retried checkout");
        this.reversed = counter("couponbook.coupons.reversed", "coupon redemptions given back");
        this.generated = counter("couponbook.codes.generated", "codes recorded by generation jobs");
        this.uploaded = counter("couponbook.codes.uploaded", "codes recorded from uploads");
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    @EventHandler
    void on(CouponAssigned event) {
        assigned.increment();
    }

    @EventHandler
    void on(CouponLocked event) {
        locked.increment();
    }

    @EventHandler
    void on(CouponUnlocked event) {
        unlocked.increment();
    }

    @EventHandler
    void on(CouponLockExpired event) {
        lockExpired.increment();
    }

    @EventHandler
    void on(CouponRedeemed event) {
        redeemed.increment();
    }

    @EventHandler
    void on(CouponLockExtended event) {
        lockExtended.increment();
    }

    @EventHandler
    void on(CouponRedemptionReversed event) {
        reversed.increment();
    }

    @EventHandler
    void on(CouponActionRejected event) {
        Counter.builder("couponbook.coupons.rejected")
                .description("coupon actions refused, by action and reason")
                .tag("action", String.valueOf(event.action()))
                .tag("reason", String.valueOf(event.reason()))
                .register(registry)
                .increment();
    }

    @EventHandler
    void on(CodeChunkGenerated event) {
        generated.increment(event.codes().size());
    }

    @EventHandler
    void on(CodesUploaded event) {
        uploaded.increment(event.codes().size());
    }
}
