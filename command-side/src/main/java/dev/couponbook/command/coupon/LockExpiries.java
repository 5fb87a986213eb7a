package dev.couponbook.command.coupon;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.coupon.ExpireCouponLock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Makes lock expiry part of the history: every live lock is noted in {@code lock_expiries}
 * (one document per coupon, replaced by its next lock or extension), and a sweeper sends
 * {@link ExpireCouponLock} for the ones whose time is up. The coupon ignores the command unless
 * that lock is still current and over, so a late, repeated or concurrent sweep on several
 * instances records each expiry once.
 */
@Component
@ProcessingGroup(LockExpiries.PROCESSING_GROUP)
public class LockExpiries {

    public static final String PROCESSING_GROUP = "lock-expiries";
    private static final Logger log = LoggerFactory.getLogger(LockExpiries.class);

    private final MongoCollection<Document> locks;
    private final CommandGateway commands;
    private final Clock clock;
    private final int sweepBatch;

    public LockExpiries(MongoTemplate mongo, CommandGateway commands, Clock clock,
                        LockProperties settings) {
        this.locks = mongo.getCollection("lock_expiries");
        this.locks.createIndex(Indexes.ascending("lockedUntil"), new IndexOptions().name("lockedUntil"));
        this.commands = commands;
        this.clock = clock;
        this.sweepBatch = settings.sweepBatch();
    }

    @EventHandler
    void on(CouponLocked event) {
        note(event.code(), event.lockId(), event.lockedUntil());
    }

    /** Written whole, not updated: a sweep may have just forgotten the lock under its former end. */
    @EventHandler
    void on(CouponLockExtended event) {
        note(event.code(), event.lockId(), event.lockedUntil());
    }

    @EventHandler
    void on(CouponUnlocked event) {
        forget(event.code(), event.lockId());
    }

    @EventHandler
    void on(CouponRedeemed event) {
        forget(event.code(), event.lockId());
    }

    @EventHandler
    void on(CouponLockExpired event) {
        forget(event.code(), event.lockId());
    }

    /** Records the expiry of every lock whose time is up. */
    @Scheduled(fixedDelayString = "${couponbook.locks.sweep-interval:1s}", initialDelayString = "${couponbook.locks.sweep-interval:1s}")
    public void sweep() {
        List<Document> due = new ArrayList<>();
        locks.find(Filters.lte("lockedUntil", Date.from(clock.instant())))
                .sort(Sorts.ascending("lockedUntil")).limit(sweepBatch).into(due);
        for (Document lock : due) {
            String code = lock.getString("_id");
            String lockId = lock.getString("lockId");
            try {
                commands.sendAndWait(new ExpireCouponLock(code, lockId));
                // Only under the end swept: an extension noted meanwhile stays to be swept at its own end.
                locks.deleteOne(Filters.and(Filters.eq("_id", code), Filters.eq("lockId", lockId),
                        Filters.eq("lockedUntil", lock.getDate("lockedUntil"))));
            } catch (RuntimeException e) {
                log.warn("Expiry of lock {} on {} is retried at the next sweep: {}", lockId, code, e.getMessage());
            }
        }
    }

    private void note(String code, String lockId, Instant lockedUntil) {
        locks.replaceOne(Filters.eq("_id", code),
                new Document("_id", code).append("lockId", lockId).append("lockedUntil", Date.from(lockedUntil)),
                new ReplaceOptions().upsert(true));
    }

    private void forget(String code, String lockId) {
        locks.deleteOne(Filters.and(Filters.eq("_id", code), Filters.eq("lockId", lockId)));
    }
}
