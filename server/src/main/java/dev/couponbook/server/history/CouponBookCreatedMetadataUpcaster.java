package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CouponBookCreated;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Reads revision "2" of {@link CouponBookCreated}, from before books had metadata, as revision
 * "3" with empty {@code metadata}. Ordered after revision "0" → "1"
 * ({@code CouponBookCreatedUpcaster}): the chain applies its upcasters in list order.
 */
@Component
@Order(2)
public class CouponBookCreatedMetadataUpcaster extends PayloadRepair {

    public CouponBookCreatedMetadataUpcaster() {
        super(CouponBookCreated.class, "2", "3", event -> {
            event.putObject("metadata");
            return event;
        });
    }
}
