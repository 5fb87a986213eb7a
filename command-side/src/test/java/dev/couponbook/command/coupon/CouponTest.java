package dev.couponbook.command.coupon;

import dev.couponbook.command.Refused;
import dev.couponbook.command.code.CodeValidity;
import dev.couponbook.command.couponbook.GivenBooks;
import dev.couponbook.messages.coupon.CheckRedemption;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.DisableCode;
import dev.couponbook.messages.coupon.EnableCode;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.coupon.CouponLockExpired;
import dev.couponbook.messages.coupon.CouponLockExtended;
import dev.couponbook.messages.coupon.CouponLocked;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.coupon.CouponUnlocked;
import dev.couponbook.messages.coupon.LockCoupon;
import dev.couponbook.messages.coupon.RedeemCoupon;
import dev.couponbook.messages.coupon.ReverseRedemption;
import dev.couponbook.messages.coupon.UnlockCoupon;
import dev.couponbook.messages.coupon.VerifyCouponHolder;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.axonframework.test.matchers.Matchers.predicate;

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
    /** What the registry and the book's terms say about the code's validity, per test. */
    private CodeValidity.Validity validity = CodeValidity.Validity.UNLIMITED;
    private final GivenBooks books = new GivenBooks().with(BOOK, ONCE, true);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Coupon.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((CodeValidity) (bookId, code) -> validity);
        fixture.registerInjectableResource(books);
    }

    private static CouponBookTerms terms(boolean multiple, Integer maxRedemptions) {
        return new CouponBookTerms("Summer", null, Instant.parse("2026-06-01T00:00:00Z"),
                Instant.parse("2026-09-01T00:00:00Z"), 3, null, multiple, null, maxRedemptions, null, null);
    }

    /** Gives the coupon's book these terms and flag from now on. */
    private void book(CouponBookTerms terms, boolean active) {
        books.with(BOOK, terms, active);
    }

    private static LockCoupon lock(String userId, String lockId) {
        return new LockCoupon(CODE, userId, false, lockId, IN_5_MIN);
    }

    private static RedeemCoupon redeem(String lockId) {
        return new RedeemCoupon(CODE, ALICE, lockId, "red1", Map.of("order", "42"));
    }

    @Test
    void canLockAHeldCoupon() {
        fixture.given(ASSIGNED)
                .when(lock(ALICE, "lock1"))
                .expectEvents(LOCKED)
                .expectResultMessagePayload(new CouponLockGrant(CODE, ALICE, "lock1", IN_5_MIN));
    }

    @Test
    void canLockForTheHolderAsAnAdmin() {
        fixture.given(ASSIGNED)
                .when(new LockCoupon(CODE, "admin", true, "lock1", IN_5_MIN))
                .expectEvents(LOCKED);
    }

    @Test
    void cannotLockSomeoneElsesCoupon() {
        fixture.given(ASSIGNED)
                .when(lock("mallory", "lock1"))
                .expectException(Refused.with(Refusal.COUPON_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void cannotLockForTheHolderAsAnAdminWhileTheHoldersLockIsLive() {
        fixture.given(ASSIGNED, LOCKED)
                .when(new LockCoupon(CODE, "admin", true, "lock2", IN_5_MIN.plusSeconds(60)))
                .expectException(Refused.with(Refusal.COUPON_LOCKED))
                .expectExceptionMessage("the coupon is locked until " + IN_5_MIN)
                .expectNoEvents();
    }

    @Test
    void canLockAgainAsTheHolderGettingTheLiveLockBackExtended() {
        Instant later = IN_5_MIN.plusSeconds(600);
        fixture.given(ASSIGNED, LOCKED)
                .when(new LockCoupon(CODE, ALICE, false, "lock2", later))
                .expectEvents(new CouponLockExtended(CODE, BOOK, ALICE, "lock1", later))
                .expectResultMessagePayload(new CouponLockGrant(CODE, ALICE, "lock1", later));
    }

    @Test
    void canLockAgainAsTheHolderWithoutShorteningTheLiveLock() {
        fixture.given(ASSIGNED, LOCKED)
                .when(new LockCoupon(CODE, ALICE, false, "lock2", NOW.plusSeconds(10)))
                .expectNoEvents()
                .expectResultMessagePayload(new CouponLockGrant(CODE, ALICE, "lock1", IN_5_MIN));
    }

    @Test
    void canLockAgainNamingTheLiveLockAsAnAdmin() {
        fixture.given(ASSIGNED, LOCKED)
                .when(new LockCoupon(CODE, "admin", true, "lock1", IN_5_MIN))
                .expectNoEvents()
                .expectResultMessagePayload(new CouponLockGrant(CODE, ALICE, "lock1", IN_5_MIN));
    }

    @Test
    void cannotResumeTheLiveLockOnceTheBookIsDeactivated() {
        book(ONCE, false);
        fixture.given(ASSIGNED, LOCKED)
                .when(new LockCoupon(CODE, ALICE, false, "lock2", IN_5_MIN.plusSeconds(60)))
                .expectException(Refused.with(Refusal.BOOK_INACTIVE))
                .expectNoEvents();
    }

    @Test
    void canRedeemUnderAnExtendedLockAfterItsFirstEnd() {
        fixture.given(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "lock1", NOW.minusSeconds(1)),
                        new CouponLockExtended(CODE, BOOK, ALICE, "lock1", IN_5_MIN))
                .when(redeem("lock1"))
                .expectEvents(new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red1", 1, Map.of("order", "42")));
    }

    @Test
    void canScheduleTheExpiryOfANewLockAtItsEnd() {
        fixture.given(ASSIGNED)
                .when(lock(ALICE, "lock1"))
                .expectScheduledDeadline(IN_5_MIN, "lock1");
    }

    @Test
    void canScheduleTheExpiryOfAnExtendedLockAtItsNewEnd() {
        Instant later = IN_5_MIN.plusSeconds(600);
        fixture.given(ASSIGNED, LOCKED)
                .when(new LockCoupon(CODE, ALICE, false, "lock2", later))
                .expectScheduledDeadline(later, "lock1");
    }

    @Test
    void cannotExpireAnExtendedLockAtItsFirstEnd() {
        fixture.givenCurrentTime(NOW)
                .andGiven(ASSIGNED)
                .andGivenCommands(lock(ALICE, "lock1"),
                        new LockCoupon(CODE, ALICE, false, "lock1", IN_5_MIN.plusSeconds(600)))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectTriggeredDeadlinesWithName(Coupon.LOCK_EXPIRY)
                .expectNoEvents();
    }

    @Test
    void canExpireAnExtendedLockOnceAtItsNewEnd() {
        fixture.givenCurrentTime(NOW)
                .andGiven(ASSIGNED)
                .andGivenCommands(lock(ALICE, "lock1"),
                        new LockCoupon(CODE, ALICE, false, "lock1", IN_5_MIN.plusSeconds(600)))
                .whenTimeElapses(Duration.ofMinutes(15))
                .expectTriggeredDeadlinesWithName(Coupon.LOCK_EXPIRY, Coupon.LOCK_EXPIRY)
                .expectEvents(new CouponLockExpired(CODE, BOOK, ALICE, "lock1"));
    }

    @Test
    void canVerifyTheHolderAnsweringTheirId() {
        fixture.given(ASSIGNED)
                .when(new VerifyCouponHolder(CODE, "admin", true))
                .expectNoEvents()
                .expectResultMessagePayload(ALICE);
    }

    @Test
    void canLockAgainAfterTheLockRanOutRecordingTheExpiry() {
        fixture.given(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "old", NOW.minusSeconds(1)))
                .when(lock(ALICE, "lock1"))
                .expectEvents(new CouponLockExpired(CODE, BOOK, ALICE, "old"), LOCKED);
    }

    @Test
    void cannotLockInADeactivatedBook() {
        book(ONCE, false);
        fixture.given(ASSIGNED)
                .when(lock(ALICE, "lock1"))
                .expectException(Refused.with(Refusal.BOOK_INACTIVE))
                .expectNoEvents();
    }

    @Test
    void cannotLockInABookThatHasNotStarted() {
        CouponBookTerms future = new CouponBookTerms("Later", null, NOW.plusSeconds(60), null, null, null, false, null, null, null, null);
        book(future, true);
        fixture.given(ASSIGNED)
                .when(lock(ALICE, "lock1"))
                .expectException(Refused.with(Refusal.BOOK_NOT_STARTED))
                .expectNoEvents();
    }

    @Test
    void canRedeemUnderTheCurrentLock() {
        fixture.given(ASSIGNED, LOCKED)
                .when(redeem("lock1"))
                .expectEvents(new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red1", 1, Map.of("order", "42")))
                .expectResultMessagePayload(new CouponRedemption(CODE, BOOK, ALICE, "red1", 1, NOW));
    }

    @Test
    void cannotRedeemWithAForeignLock() {
        fixture.given(ASSIGNED, LOCKED)
                .when(redeem("someone-elses"))
                .expectException(Refused.with(Refusal.LOCK_NOT_HELD))
                .expectNoEvents();
    }

    @Test
    void cannotRedeemWithAnExpiredLock() {
        fixture.given(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "lock1", NOW))
                .when(redeem("lock1"))
                .expectException(Refused.with(Refusal.LOCK_EXPIRED))
                .expectExceptionMessage("the lock ran out at " + NOW + "; lock the coupon again")
                .expectNoEvents();
    }

    @Test
    void cannotRedeemWithoutALock() {
        fixture.given(ASSIGNED)
                .when(redeem("lock1"))
                .expectException(Refused.with(Refusal.LOCK_NOT_HELD))
                .expectNoEvents();
    }

    @Test
    void cannotRedeemTwiceWhenTheBookAllowsOneRedemption() {
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN))
                .when(redeem("lock2"))
                .expectException(Refused.with(Refusal.ALREADY_REDEEMED))
                .expectExceptionMessage("the coupon has already been redeemed");
    }

    @Test
    void canRedeemAgainWhileUnderTheBooksLimit() {
        CouponBookTerms twice = terms(true, 2);
        book(twice, true);
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN))
                .when(redeem("lock2"))
                .expectEvents(new CouponRedeemed(CODE, BOOK, ALICE, "lock2", "red1", 2, Map.of("order", "42")));
    }

    @Test
    void cannotLockAfterTheBooksRedemptionLimit() {
        CouponBookTerms twice = terms(true, 2);
        book(twice, true);
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN),
                        new CouponRedeemed(CODE, BOOK, ALICE, "lock2", "red1", 2, Map.of()))
                .when(lock(ALICE, "lock3"))
                .expectException(Refused.with(Refusal.REDEMPTION_LIMIT_REACHED))
                .expectNoEvents();
    }

    @Test
    void cannotRedeemPastThePerCodeLimitWhateverThePerUserLimitAllows() {
        CouponBookTerms oncePerCode = new CouponBookTerms("Summer", null, null, null, null, 5, true, null, 1, null, null);
        book(oncePerCode, true);
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN))
                .when(redeem("lock2"))
                .expectException(Refused.with(Refusal.ALREADY_REDEEMED))
                .expectNoEvents();
    }

    @Test
    void canRedeemAgainUnderThePerCodeLimitLeavingThePerUserLimitToTheWallet() {
        CouponBookTerms oncePerUser = new CouponBookTerms("Summer", null, null, null, null, 1, true, null, null, null, null);
        book(oncePerUser, true);
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()),
                        new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN))
                .when(redeem("lock2"))
                .expectEvents(new CouponRedeemed(CODE, BOOK, ALICE, "lock2", "red1", 2, Map.of("order", "42")));
    }

    @Test
    void cannotRedeemInAnExpiredBook() {
        CouponBookTerms ended = new CouponBookTerms("Old", null, null, NOW, null, null, false, null, null, null, null);
        book(ended, true);
        fixture.given(ASSIGNED, LOCKED)
                .when(redeem("lock1"))
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
    void canRecordTheExpiryOfTheCurrentLockWhenItsTimeIsUp() {
        fixture.givenCurrentTime(NOW)
                .andGiven(ASSIGNED)
                .andGivenCommands(lock(ALICE, "lock1"))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectTriggeredDeadlinesWithName(Coupon.LOCK_EXPIRY)
                .expectEvents(new CouponLockExpired(CODE, BOOK, ALICE, "lock1"));
    }

    @Test
    void cannotExpireALockBeforeItsTime() {
        fixture.givenCurrentTime(NOW)
                .andGiven(ASSIGNED)
                .andGivenCommands(lock(ALICE, "lock1"))
                .whenTimeElapses(Duration.ofMinutes(4))
                .expectNoEvents()
                .expectScheduledDeadline(IN_5_MIN, "lock1");
    }

    @Test
    void cannotExpireALockThatWasReleased() {
        fixture.givenCurrentTime(NOW)
                .andGiven(ASSIGNED)
                .andGivenCommands(lock(ALICE, "lock1"), new UnlockCoupon(CODE, ALICE, false))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectTriggeredDeadlinesWithName(Coupon.LOCK_EXPIRY)
                .expectNoEvents();
    }

    @Test
    void cannotExpireALockThatARedemptionConsumed() {
        fixture.givenCurrentTime(NOW)
                .andGiven(ASSIGNED)
                .andGivenCommands(lock(ALICE, "lock1"), redeem("lock1"))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectTriggeredDeadlinesWithName(Coupon.LOCK_EXPIRY)
                .expectNoEvents();
    }

    @Test
    void cannotExpireALockThatANewerLockReplaced() {
        fixture.givenCurrentTime(NOW)
                .andGiven(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "lock0", NOW.minusSeconds(1)))
                .andGivenCommands(lock(ALICE, "lock1"), new UnlockCoupon(CODE, ALICE, false),
                        new LockCoupon(CODE, ALICE, false, "lock2", IN_5_MIN.plusSeconds(60)))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectTriggeredDeadlinesWithName(Coupon.LOCK_EXPIRY)
                .expectNoEvents();
    }
    private static CheckRedemption check(String userId, String lockId) {
        return new CheckRedemption(CODE, userId, lockId);
    }

    private static CouponValidation.Reason reason(String code, String detail) {
        return new CouponValidation.Reason(code, detail);
    }

    @Test
    void canValidateARedemptionUnderTheCurrentLockWithoutAnyEvent() {
        book(terms(true, 3), true);
        fixture.given(ASSIGNED, LOCKED)
                .when(check(ALICE, "lock1"))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionCheck(true, List.of(), 3));
    }

    @Test
    void canValidateARedemptionOfTheHolderBeforeTheLock() {
        book(terms(true, null), true);
        fixture.given(ASSIGNED)
                .when(check(ALICE, null))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionCheck(true, List.of(), null));
    }

    @Test
    void canListEveryReasonARedemptionWouldBeRefused() {
        CouponBookTerms ended = new CouponBookTerms("Old", null, null, NOW, null, null, false, null, null, null, null);
        book(ended, false);
        fixture.given(ASSIGNED, LOCKED, new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of()))
                .when(check(ALICE, "lock1"))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionCheck(true, List.of(
                        reason("ALREADY_REDEEMED", "the coupon has already been redeemed"),
                        reason("BOOK_INACTIVE", "the coupon book is deactivated"),
                        reason("BOOK_EXPIRED", "the coupon book ended at " + NOW),
                        reason("LOCK_NOT_HELD", "this lock does not hold the coupon; lock it first")), 0));
    }

    @Test
    void cannotTellSomeoneWhoDoesNotHoldTheCouponMoreThanNotFound() {
        book(ONCE, false);
        fixture.given(ASSIGNED, LOCKED)
                .when(check("mallory", "lock1"))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionCheck(false,
                        List.of(reason("COUPON_NOT_FOUND", "you hold no coupon with this code")), null));
    }

    /** The validation's first reason is the redemption's refusal, and no reason means the redemption is accepted. */
    @Test
    void canAgreeWithTheRedemptionInEveryState() {
        CouponBookTerms twice = terms(true, 2);
        CouponBookTerms later = new CouponBookTerms("Later", null, NOW.plusSeconds(60), null, null, null, false, null, null, null, null);
        CouponRedeemed first = new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of());
        CouponLocked second = new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN);
        List<Object[]> states = List.of(
                new Object[]{List.of(ASSIGNED, LOCKED), "lock1", ONCE, true},
                new Object[]{List.of(ASSIGNED, LOCKED), "lock9", ONCE, true},
                new Object[]{List.of(ASSIGNED), "lock1", ONCE, true},
                new Object[]{List.of(ASSIGNED, new CouponLocked(CODE, BOOK, ALICE, "lock1", NOW)), "lock1", ONCE, true},
                new Object[]{List.of(ASSIGNED, LOCKED), "lock1", ONCE, false},
                new Object[]{List.of(ASSIGNED, LOCKED), "lock1", later, true},
                new Object[]{List.of(ASSIGNED, LOCKED, first, second), "lock2", ONCE, true},
                new Object[]{List.of(ASSIGNED, LOCKED, first, second), "lock2", twice, true},
                new Object[]{List.of(ASSIGNED, LOCKED, first, second), "lock2", twice, false});
        for (Object[] state : states) {
            @SuppressWarnings("unchecked") List<Object> given = (List<Object>) state[0];
            String lockId = (String) state[1];
            book((CouponBookTerms) state[2], (Boolean) state[3]);
            List<RedemptionCheck> verdict = new ArrayList<>();
            fresh().given(given).when(check(ALICE, lockId))
                    .expectResultMessageMatching(predicate(result -> verdict.add((RedemptionCheck) result.getPayload())));
            ResultValidator<Coupon> redemption = fresh().given(given)
                    .when(new RedeemCoupon(CODE, ALICE, lockId, "red1", Map.of()));
            List<CouponValidation.Reason> reasons = verdict.get(0).reasons();
            if (reasons.isEmpty()) {
                redemption.expectSuccessfulHandlerExecution();
            } else {
                redemption.expectException(predicate(refusal -> refusal instanceof DomainException domain
                        && domain.code().equals(reasons.get(0).code())));
            }
        }
    }

    private static final CouponRedeemed REDEEMED = new CouponRedeemed(CODE, BOOK, ALICE, "lock1", "red0", 1, Map.of());
    private static final CouponRedemptionReversed REVERSED =
            new CouponRedemptionReversed(CODE, BOOK, ALICE, "red0", 0, "admin-1", "order cancelled");

    private static ReverseRedemption reverse(String redemptionId) {
        return new ReverseRedemption(CODE, redemptionId, "order cancelled", "admin-1");
    }

    @Test
    void canReverseARedemptionRecordingWhoAndWhy() {
        fixture.given(ASSIGNED, LOCKED, REDEEMED)
                .when(reverse("red0"))
                .expectEvents(REVERSED)
                .expectResultMessagePayload(new CouponRedemptionReversal(CODE, BOOK, ALICE, "red0", 0));
    }

    @Test
    void canReverseARedemptionTwiceChangingNothingTheSecondTime() {
        fixture.given(ASSIGNED, LOCKED, REDEEMED, REVERSED)
                .when(reverse("red0"))
                .expectNoEvents()
                .expectResultMessagePayload(new CouponRedemptionReversal(CODE, BOOK, ALICE, "red0", 0));
    }

    @Test
    void cannotReverseAnUnknownRedemption() {
        fixture.given(ASSIGNED, LOCKED, REDEEMED)
                .when(reverse("red9"))
                .expectException(Refused.with(Refusal.REDEMPTION_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void canLockAndRedeemAgainOnceTheOnlyRedemptionIsReversed() {
        fixture.given(ASSIGNED, LOCKED, REDEEMED, REVERSED, new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN))
                .when(new RedeemCoupon(CODE, ALICE, "lock2", "red1", Map.of()))
                .expectEvents(new CouponRedeemed(CODE, BOOK, ALICE, "lock2", "red1", 1, Map.of()));
    }

    @Test
    void cannotRedeemBeyondTheLimitCountingOnlyRedemptionsInEffect() {
        CouponBookTerms twice = terms(true, 2);
        book(twice, true);
        fixture.given(ASSIGNED, LOCKED, REDEEMED, new CouponLocked(CODE, BOOK, ALICE, "lock2", IN_5_MIN),
                        new CouponRedeemed(CODE, BOOK, ALICE, "lock2", "red1", 2, Map.of()),
                        new CouponRedemptionReversed(CODE, BOOK, ALICE, "red0", 1, "admin-1", "refund"),
                        new CouponLocked(CODE, BOOK, ALICE, "lock3", IN_5_MIN),
                        new CouponRedeemed(CODE, BOOK, ALICE, "lock3", "red2", 2, Map.of()))
                .when(lock(ALICE, "lock4"))
                .expectException(Refused.with(Refusal.REDEMPTION_LIMIT_REACHED))
                .expectNoEvents();
    }

    private AggregateTestFixture<Coupon> fresh() {
        AggregateTestFixture<Coupon> another = new AggregateTestFixture<>(Coupon.class);
        another.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        another.registerInjectableResource((CodeValidity) (bookId, code) -> validity);
        another.registerInjectableResource(books);
        return another;
    }

    // Validity per code and disabled codes.

    private static final CodeDisabled DISABLED_FREE = new CodeDisabled(CODE, BOOK, null);
    private static final CodeEnabled ENABLED_FREE = new CodeEnabled(CODE, BOOK, null);
    private static final CouponAssigned EXPIRING = new CouponAssigned(CODE, BOOK, ALICE, "r1", NOW.plusSeconds(60));
    private static final CouponAssigned EXPIRED = new CouponAssigned(CODE, BOOK, ALICE, "r1", NOW);

    @Test
    void canDisableAFreeCodeAsTheFirstEventOfItsStream() {
        fixture.givenNoPriorActivity()
                .when(new DisableCode(CODE, BOOK))
                .expectEvents(DISABLED_FREE);
    }

    @Test
    void canDisableAnAssignedCodeNamingItsHolder() {
        fixture.given(ASSIGNED)
                .when(new DisableCode(CODE, BOOK))
                .expectEvents(new CodeDisabled(CODE, BOOK, ALICE));
    }

    @Test
    void canDisableADisabledCodeAsANoOp() {
        fixture.given(DISABLED_FREE)
                .when(new DisableCode(CODE, BOOK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canEnableADisabledCode() {
        fixture.given(DISABLED_FREE)
                .when(new EnableCode(CODE, BOOK))
                .expectEvents(ENABLED_FREE);
    }

    @Test
    void canEnableAnEnabledCodeAsANoOp() {
        fixture.given(ASSIGNED)
                .when(new EnableCode(CODE, BOOK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotLockADisabledCoupon() {
        fixture.given(ASSIGNED, new CodeDisabled(CODE, BOOK, ALICE))
                .when(lock(ALICE, "lock1"))
                .expectException(Refused.with(Refusal.COUPON_DISABLED))
                .expectNoEvents();
    }

    @Test
    void cannotLockAnExpiredCoupon() {
        fixture.given(EXPIRED)
                .when(lock(ALICE, "lock1"))
                .expectException(Refused.with(Refusal.COUPON_EXPIRED))
                .expectNoEvents();
    }

    @Test
    void canLockACouponBeforeItExpires() {
        fixture.given(EXPIRING)
                .when(lock(ALICE, "lock1"))
                .expectEvents(LOCKED);
    }

    @Test
    void cannotRedeemACouponDisabledWhileLocked() {
        fixture.given(ASSIGNED, LOCKED, new CodeDisabled(CODE, BOOK, ALICE))
                .when(redeem("lock1"))
                .expectException(Refused.with(Refusal.COUPON_DISABLED))
                .expectNoEvents();
    }

    @Test
    void cannotRedeemACouponThatExpiredWhileLocked() {
        fixture.given(EXPIRED, new CouponLocked(CODE, BOOK, ALICE, "lock1", IN_5_MIN))
                .when(redeem("lock1"))
                .expectException(Refused.with(Refusal.COUPON_EXPIRED))
                .expectNoEvents();
    }

    @Test
    void canRedeemACouponEnabledAgain() {
        fixture.given(ASSIGNED, new CodeDisabled(CODE, BOOK, ALICE), new CodeEnabled(CODE, BOOK, ALICE), LOCKED)
                .when(redeem("lock1"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void canListDisabledAndExpiredAmongTheValidationsReasons() {
        fixture.given(EXPIRED, LOCKED, new CodeDisabled(CODE, BOOK, ALICE))
                .when(check(ALICE, "lock1"))
                .expectNoEvents()
                .expectResultMessagePayload(new RedemptionCheck(true, List.of(
                        reason("COUPON_DISABLED", "this code has been disabled"),
                        reason("COUPON_EXPIRED", "the coupon expired at " + NOW)), 1, NOW));
    }

    @Test
    void cannotTellAnyoneAboutAFreeDisabledCode() {
        fixture.given(DISABLED_FREE)
                .when(new VerifyCouponHolder(CODE, "admin-1", true))
                .expectException(Refused.with(Refusal.COUPON_NOT_FOUND));
    }

    @Test
    void canAgreeWithTheRedemptionOnDisabledAndExpiredCoupons() {
        for (List<Object> given : List.<List<Object>>of(
                List.of(ASSIGNED, LOCKED, new CodeDisabled(CODE, BOOK, ALICE)),
                List.of(EXPIRED, LOCKED),
                List.of(EXPIRING, LOCKED))) {
            List<RedemptionCheck> verdict = new ArrayList<>();
            fresh().given(given).when(check(ALICE, "lock1"))
                    .expectResultMessageMatching(predicate(result -> verdict.add((RedemptionCheck) result.getPayload())));
            ResultValidator<Coupon> redemption = fresh().given(given).when(redeem("lock1"));
            List<CouponValidation.Reason> reasons = verdict.get(0).reasons();
            if (reasons.isEmpty()) {
                redemption.expectSuccessfulHandlerExecution();
            } else {
                redemption.expectException(predicate(refusal -> refusal instanceof DomainException domain
                        && domain.code().equals(reasons.get(0).code())));
            }
        }
    }
}
