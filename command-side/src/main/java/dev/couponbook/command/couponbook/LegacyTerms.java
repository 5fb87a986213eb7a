package dev.couponbook.command.couponbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads terms written before {@code maxRedemptionsPerUser} counted across a user's coupons. It
 * limited each coupon then (when {@code allowMultipleRedemptions}; otherwise a coupon was redeemed
 * once whatever it said), which is what {@code maxRedemptionsPerCode} says now; so the old value
 * moves there and the book keeps its behaviour, with no per-user limit.
 */
public final class LegacyTerms {

    /** The version of the terms' shape that {@code book_terms} rows carry in {@code termsRevision}; rows without one are older. */
    public static final int REVISION = 2;

    private LegacyTerms() {
    }

    /** Today's terms for terms of the older shape, as a copy. */
    public static ObjectNode upcast(JsonNode old) {
        ObjectNode terms = ((ObjectNode) old).deepCopy();
        JsonNode perUser = terms.remove("maxRedemptionsPerUser");
        if (perUser != null && !perUser.isNull()) {
            terms.set("maxRedemptionsPerCode", perUser);
        }
        return terms;
    }
}
