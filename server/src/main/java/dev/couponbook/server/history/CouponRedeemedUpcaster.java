package dev.couponbook.server.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.couponbook.command.StorableMetadata;
import dev.couponbook.command.StorableText;
import dev.couponbook.messages.coupon.CouponRedeemed;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads revision "1" of {@link CouponRedeemed}, whose metadata the edge took unchecked (a key
 * with a NUL once stopped the user-coupons read model), as revision "2", whose metadata meets
 * {@link StorableText}: what the rule refuses is taken out of keys and values, and sizes are cut
 * to today's bounds. Stored events are never rewritten; they take the repaired shape when read.
 */
@Component
public class CouponRedeemedUpcaster extends PayloadRepair {

    public CouponRedeemedUpcaster() {
        super(CouponRedeemed.class, "1", "2", CouponRedeemedUpcaster::repairMetadata);
    }

    private static ObjectNode repairMetadata(ObjectNode event) {
        if (!(event.get("metadata") instanceof ObjectNode metadata)) {
            return event;
        }
        Map<String, String> entries = new LinkedHashMap<>();
        metadata.fields().forEachRemaining(entry -> entries.put(entry.getKey(), entry.getValue().asText()));
        ObjectNode repaired = event.putObject("metadata");
        StorableText.repaired(entries, StorableMetadata.MAX_ENTRIES, StorableMetadata.MAX_KEY,
                StorableMetadata.MAX_VALUE).forEach(repaired::put);
        return event;
    }
}
