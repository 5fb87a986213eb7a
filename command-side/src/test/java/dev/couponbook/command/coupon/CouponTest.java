package dev.couponbook.command.coupon;

import dev.couponbook.command.Refused;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.coupon.ExpireCouponLock;
import dev.couponbook.messages.coupon.LockCoupon;
import dev.couponbook.messages.coupon.RedeemCoupon;
import dev.couponbook.messages.coupon.UnlockCoupon;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The coupon's rules for assignment, locks and redemptions, one per test. */
class CouponTest {

    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");
    private static final Instant IN_5_MIN = NOW.plusSeconds(300);
    private static final String CODE = "SUMMER-0001";
    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";
    private static final String ALICE = "alice";
    private static final CouponBookTerms ONCE = terms(false, null);
    private static final CouponAssigned ASSIGNED = new CouponAssigned(CODE, BOOK, ALICE, "r1");
    private static final CouponLocked LOCKED = new CouponLocked(CODE, BOOK, ALICE, "lock1", IN_5_MIN);

    private AggregateTestFixture<Coupon> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coupon.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static CouponBookTerms terms(boolean multiple, Integer maxRedemptions) {
        return new CouponBookTerms("Summer", null, Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-09-01T00:00:00Z"), 3, maxRedemptions, multiple, null);
    }

    private static LockCoupon lock(String userId, String lockId, CouponBookTerms terms, boolean active) {
        return new LockCoupon(CODE, userId, false, lockId, IN_5_MIN, terms, active);
    }

    private static RedeemCoupon redeem(String lockId, CouponBookTerms terms) {
        return new RedeemCoupon(CODE, ALICE, lockId, "red1", Map.of("order", "42"), terms, true);
    }

    @Test
    void canAssignACodeAsTheFirstEventOfItsStream() {
        fixture.givenNoPriorActivity()
                .when(new AssignCoupon(CODE, BOOK, ALICE, "r1"))
                .expectEvents(ASSIGNED);
    }

    @Test
    void canLockAHeldCoupon() {
        fixture.given(ASSIGNED)
                .when(lock(ALICE, "lock1", ONCE, true))
                .expectEvents(LOCKED)
                .expectResultMessagePayload(new CouponLockGrant(CODE, ALICE, "lock1", IN_5_MIN));
    }

    @Test
    void canLockForTheHolderAsAnAdmin() {
        fixture.given(ASSIGNED)
                .when(new LockCoupon(CODE, "admin", true, "lock1", IN_5_MIN, ONCE, true))
                .expectEvents(LOCKED);
    }

    @Test
    void cannotLockSomeoneElsesCoupon() {
        fixture.given(ASSIGNED)
                .when(lock("mallory", "lock1", ONCE, true))
                .expectException(Refused.with(Refusal.COUPON_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void cannotLockWhileAnotherLockIsLive() {
        fixture.given(ASSIGNED, LOCKED)
                .when(lock(ALICE, "lock2", ONCE, true))
                .expectException(Refused.with(Refusal.COUPON_LOCKED))
                .expectExceptionMessage("the coupon is locked until " + IN_5_MIN)
                .expectNoEvents();
    }

    @Test
    void canLockAgainAfterTheLockRanOutRecordingTheExpiry() {
        fixture.given(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "old", NOW.minusSeconds(1)))
                .when(lock(ALICE, "lock1", ONCE, true))
                .expectEvents(new CouponLockExpired(CODE, BOOK, ALICE, "old"), LOCKED);
    }

    @Test
    void cannotLockInADeactivatedBook() {
        fixture.given(ASSIGNED)
                .when(lock(ALICE, "lock1", ONCE, false))
                .expectException(Refused.with(Refusal.BOOK_INACTIVE))
                .expectNoEvents();
    }

    @Test
    void cannotLockInABookThatHasNotStarted() {
        CouponBookTerms future = new CouponBookTerms("Later", null, NOW.plusSeconds(60), null, null, null, false, null);
        fixture.given(ASSIGNED)
                .when(lock(ALICE, "lock1", future, true))
                .expectException(Refused.with(Refusal.BOOK_NOT_STARTED))
                .expectNoEvents();
    }

    @Test
    void canRedeemUnderTheCurrentLock() {
        fixture.given(ASSIGNED, LOCKED)
                .when(redeem("lock1", ONCE))
                .expectEvents(new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red1", 1, Map.of("order", "42")))
                .expectResultMessagePayload(new CouponRedemption(CODE, BOOK, ALICE, "red1", 1, NOW));
    }

    @Test
    void cannotRedeemWithAForeignLock() {
        fixture.given(ASSIGNED, LOCKED)
                .when(redeem("someone-elses", ONCE))
                .expectException(Refused.with(Refusal.LOCK_NOT_HELD))
                .expectNoEvents();
    }

    @Test
    void cannotRedeemWithAnExpiredLock() {
        fixture.given(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "lock1", NOW))
                .when(redeem("lock1", ONCE))
                .expectException(Refused.with(Refusal.LOCK_EXPIRED))
                .expectExceptionMessage("the lock ran out at " + NOW + "; lock the coupon again")
                .expectNoEvents();
    }

    @Test
    void cannotRedeemWithoutALock() {
        fixture.given(ASSIGNED)
                .when(redeem("lock1", ONCE))
                .expectException(Refused.with(Refusal.LOCK_NOT_HELD))
                .expectNoEvents();
    }

    @Test
    void cannotRedeemTwiceWhenTheBookAllowsOneRedemption() {
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN))
                .when(redeem("lock2", ONCE))
                .expectException(Refused.with(Refusal.ALREADY_REDEEMED))
                .expectExceptionMessage("the coupon has already been redeemed");
    }

    @Test
    void canRedeemAgainWhileUnderTheBooksLimit() {
        CouponBookTerms twice = terms(true, 2);
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN))
                .when(redeem("lock2", twice))
                .expectEvents(new CouponRedeemed(CODE, BOOK, ALICE, "lock2", "red1", 2, Map.of("order", "42")));
    }

    @Test
    void cannotLockAfterTheBooksRedemptionLimit() {
        CouponBookTerms twice = terms(true, 2);
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN),
                        new CouponRedeemed(CODE, BOOK, ALICE, "lock2", "red1", 2, Map.of()))
                .when(lock(ALICE, "lock3", twice, true))
                .expectException(Refused.with(Refusal.REDEMPTION_LIMIT_REACHED))
                .expectNoEvents();
    }

    @Test
    void cannotRedeemInAnExpiredBook() {
        CouponBookTerms ended = new CouponBookTerms("Old", null, null, NOW, null, null, false, null);
        fixture.given(ASSIGNED, LOCKED)
                .when(redeem("lock1", ended))
                .expectException(Refused.with(Refusal.BOOK_EXPIRED))
                .expectNoEvents();
    }

    @Test
    void canUnlockReturningTheReleasedLock() {
        fixture.given(ASSIGNED, LOCKED)
                .when(new UnlockCoupon(CODE, ALICE, false))
                .expectEvents(new CouponUnlocked(CODE, BOOK, ALICE, "lock1"))
                .expectResultMessagePayload("lock1");
    }

    @Test
    void canUnlockAnUnlockedCouponAsANoOp() {
        fixture.given(ASSIGNED)
                .when(new UnlockCoupon(CODE, ALICE, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canRecordTheExpiryOfTheCurrentLockOnceItIsOver() {
        fixture.given(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "lock1", NOW.minusSeconds(1)))
                .when(new ExpireCouponLock(CODE, "lock1"))
                .expectEvents(new CouponLockExpired(CODE, BOOK, ALICE, "lock1"));
    }

    @Test
    void cannotExpireALockBeforeItsTime() {
        fixture.given(ASSIGNED, LOCKED)
                .when(new ExpireCouponLock(CODE, "lock1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotExpireALockThatWasAlreadyConsumed() {
        fixture.given(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "lock1", NOW.minusSeconds(1)),
                        new CouponUnlocked(CODE, BOOK, ALICE, "lock1"))
                .when(new ExpireCouponLock(CODE, "lock1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
