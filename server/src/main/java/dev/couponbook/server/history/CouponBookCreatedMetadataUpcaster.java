package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CouponBookCreated;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads revision "1" of {@link CouponBookCreated}, from before books had metadata, as revision
 * "2" with empty {@code metadata}. Ordered after revision "0" → "1"
 * ({@code CouponBookCreatedUpcaster}): the chain applies its upcasters in list order.
 */
@Component
@Order(2)
public class CouponBookCreatedMetadataUpcaster extends PayloadRepair {

    public CouponBookCreatedMetadataUpcaster() {
        super(CouponBookCreated.class, "1", "2", event -> {
            event.putObject("metadata");
            return event;
        });
    }
}
