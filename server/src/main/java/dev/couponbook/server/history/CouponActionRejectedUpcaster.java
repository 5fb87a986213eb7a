package dev.couponbook.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.couponbook.command.Caller;
import dev.couponbook.command.code.CodeRules;
import dev.couponbook.command.couponbook.BookIds;
import dev.couponbook.messages.coupon.CouponActionRejected;
import org.springframework.stereotype.Component;

import java.util.function.Predicate;

/**
 * Reads revision "1" of {@link CouponActionRejected}, which could hold a book id or code copied
 * from the request path as it came, as revision "2", in which each of {@code bookId},
 * {@code code} and {@code userId} is either a value that can name such a thing or null, as the
 * edge records them now.
 */
@Component
public class CouponActionRejectedUpcaster extends PayloadRepair {

    public CouponActionRejectedUpcaster() {
        super(CouponActionRejected.class, "1", "2", CouponActionRejectedUpcaster::keepValidIds);
    }

    private static ObjectNode keepValidIds(ObjectNode event) {
        keepIf(event, "bookId", BookIds::canBe);
        keepIf(event, "code", CodeRules::valid);
        keepIf(event, "userId", Caller::validUserId);
        return event;
    }

    private static void keepIf(ObjectNode event, String field, Predicate<String> valid) {
        JsonNode value = event.get(field);
        if (value != null && !value.isNull() && !(value.isTextual() && valid.test(value.asText()))) {
            event.putNull(field);
        }
    }
}
