package dev.couponbook.server.history;

import dev.couponbook.messages.coupon.CouponAssigned;
import org.springframework.stereotype.Component;

/**
 * Reads revision "1" of {@link CouponAssigned}, from before coupons could expire, as revision "2":
 * the payload is unchanged, and its missing {@code expiresAt} reads as null, a coupon without expiry.
 */
@Component
public class CouponAssignedUpcaster extends PayloadRepair {

    public CouponAssignedUpcaster() {
        super(CouponAssigned.class, "1", "2", event -> event);
    }
}
