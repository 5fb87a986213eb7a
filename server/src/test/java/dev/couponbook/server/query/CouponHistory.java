package dev.couponbook.server.query;

import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.MetaDataKeys;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Appends book and coupon histories straight to the event store, with the metadata the command
 * side's requests give them, so the read models can be driven before the coupon endpoints exist.
 * Each aggregate's events get consecutive sequence numbers, as its aggregate would give them.
 */
final class CouponHistory {

    private final EventStore store;
    private final Map<String, Long> sequences = new HashMap<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private long lastMillisecond;
    private String issuedBy = "admin-account";
    private String correlationId = "corr-" + run;

    CouponHistory(EventStore store) {
        this.store = store;
    }

    /** A unique id for this history, so tests sharing a store never collide. */
    String id(String name) {
        return name + "-" + run;
    }

    /** The account (and request) that the following events are recorded as caused by. */
    CouponHistory issuedBy(String accountId, String correlationId) {
        this.issuedBy = accountId;
        this.correlationId = correlationId;
        return this;
    }

    void bookCreated(String bookId, boolean multipleRedemptions, Integer maxRedemptionsPerCode) {
        CouponBookTerms terms = new CouponBookTerms("Book " + bookId, null, null, null, null, null,
                multipleRedemptions, null, maxRedemptionsPerCode, null, null);
        append("CouponBook", AggregateIds.book(bookId), new CouponBookCreated(bookId, terms, true, Map.of()));
    }

    void codesUploaded(String bookId, List<String> codes) {
        append("CouponBook", AggregateIds.book(bookId), new CodesUploaded(bookId, UUID.randomUUID().toString(), 0, codes));
    }

    void assigned(String code, String bookId, String userId) {
        append("Coupon", AggregateIds.coupon(code), new CouponAssigned(code, bookId, userId, UUID.randomUUID().toString()));
    }

    String locked(String code, String bookId, String userId, Instant until) {
        String lockId = UUID.randomUUID().toString();
        append("Coupon", AggregateIds.coupon(code), new CouponLocked(code, bookId, userId, lockId, until));
        return lockId;
    }

    void unlocked(String code, String bookId, String userId, String lockId) {
        append("Coupon", AggregateIds.coupon(code), new CouponUnlocked(code, bookId, userId, lockId));
    }

    void lockExpired(String code, String bookId, String userId, String lockId) {
        append("Coupon", AggregateIds.coupon(code), new CouponLockExpired(code, bookId, userId, lockId));
    }

    void redeemed(String code, String bookId, String userId, String lockId, int redemptionNumber) {
        append("Coupon", AggregateIds.coupon(code), new CouponRedeemed(code, bookId, userId, lockId,
                UUID.randomUUID().toString(), redemptionNumber, Map.of("order", "order-" + code + "-" + redemptionNumber)));
    }

    /** Locks and redeems in one go, as a checkout does. */
    void lockedAndRedeemed(String code, String bookId, String userId, int redemptionNumber) {
        String lockId = locked(code, bookId, userId, Instant.now().plusSeconds(300));
        redeemed(code, bookId, userId, lockId, redemptionNumber);
    }

    void rejected(CouponAction action, String reason, String bookId, String code, String userId) {
        nextMillisecond();
        store.publish(GenericEventMessage.asEventMessage(new CouponActionRejected(action, reason, bookId, code, userId))
                .andMetaData(metaData()));
    }

    private void append(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        nextMillisecond();
        store.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData()));
    }

    /**
     * The log orders entries by their millisecond timestamps, newest first; two events of one
     * coupon stamped in the same millisecond would have no defined order, so each waits for the next.
     */
    private void nextMillisecond() {
        long now = System.currentTimeMillis();
        while (now <= lastMillisecond) {
            Thread.onSpinWait();
            now = System.currentTimeMillis();
        }
        lastMillisecond = now;
    }

    private Map<String, Object> metaData() {
        return Map.of(MetaDataKeys.USER_ID, issuedBy, MetaDataKeys.ROLES, "ADMIN",
                MetaDataKeys.CLIENT, "checkout-test/1.0", MetaDataKeys.CORRELATION_ID, correlationId);
    }
}
