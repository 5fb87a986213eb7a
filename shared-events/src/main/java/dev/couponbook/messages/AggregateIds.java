package dev.couponbook.messages;

/**
 * Builds aggregate identifiers. Axon's Mongo event store keeps every aggregate type in one
 * identifier namespace, so each type gets its own prefix.
 */
public final class AggregateIds {

    private AggregateIds() {
    }

    public static String book(String bookId) {
        return "book:" + bookId;
    }

    public static String coupon(String code) {
        return "coupon:" + code;
    }

    public static String serviceAccount(String clientId) {
        return "service-account:" + clientId;
    }

    public static String wallet(String bookId, String userId) {
        return "wallet:" + bookId + ":" + userId;
    }

    public static String budget(String bookId) {
        return "budget:" + bookId;
    }

    public static String budgetSlice(String bookId, int slice) {
        return "budget-slice:" + bookId + ":" + slice;
    }
}
