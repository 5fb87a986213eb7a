package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CouponBookUpdated;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads revision "2" of {@link CouponBookUpdated}, from before books had metadata, as revision
 * "3" with empty {@code metadata}: the complete metadata the book had then, since it could have none.
 */
// After CouponBookTermsUpcaster ("1" → "2"): the chain applies its upcasters in list order.
@Order(2)
@Component
public class CouponBookUpdatedMetadataUpcaster extends PayloadRepair {

    public CouponBookUpdatedMetadataUpcaster() {
        super(CouponBookUpdated.class, "2", "3", event -> {
            event.putObject("metadata");
            return event;
        });
    }
}
