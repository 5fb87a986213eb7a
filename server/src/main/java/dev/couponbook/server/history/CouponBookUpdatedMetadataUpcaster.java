package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CouponBookUpdated;
import org.springframework.stereotype.Component;

/**
 * Reads revision "1" of {@link CouponBookUpdated}, from before books had metadata, as revision
 * "2" with empty {@code metadata}: the complete metadata the book had then, since it could have none.
 */
@Component
public class CouponBookUpdatedMetadataUpcaster extends PayloadRepair {

    public CouponBookUpdatedMetadataUpcaster() {
        super(CouponBookUpdated.class, "1", "2", event -> {
            event.putObject("metadata");
            return event;
        });
    }
}
