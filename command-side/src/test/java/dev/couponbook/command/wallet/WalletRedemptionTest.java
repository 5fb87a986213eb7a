package dev.couponbook.command.wallet;

import dev.couponbook.command.Refused;
import dev.couponbook.command.couponbook.GivenBooks;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ConfirmRedemptionSlot;
import dev.couponbook.messages.wallet.CountRedemptions;
import dev.couponbook.messages.wallet.RedemptionSlotConfirmed;
import dev.couponbook.messages.wallet.RedemptionSlotReleased;
import dev.couponbook.messages.wallet.RedemptionSlotReserved;
import dev.couponbook.messages.wallet.RedemptionSlotReturned;
import dev.couponbook.messages.wallet.ReleaseRedemptionSlot;
import dev.couponbook.messages.wallet.ReserveRedemptionSlot;
import dev.couponbook.messages.wallet.ReturnRedemptionSlot;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The wallet's count of one user's redemptions across their coupons of a book, one rule per test. */
class WalletRedemptionTest {

    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";
    private static final String ALICE = "alice";

    private final GivenBooks books = new GivenBooks();
    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(books);
    }

    /** Gives the book a per-user limit of {@code max} redemptions. */
    private void perUserLimit(int max) {
        books.with(BOOK, new CouponBookTerms("Summer", null, null, null, null, max, true, null, null, null, null), true);
    }

    private static ReserveRedemptionSlot reserve(String redemptionId) {
        return new ReserveRedemptionSlot(BOOK, ALICE, redemptionId, LATER);
    }

    private static RedemptionSlotReserved reserved(String redemptionId, Instant expiresAt) {
        return new RedemptionSlotReserved(BOOK, ALICE, redemptionId, expiresAt);
    }

    private static RedemptionSlotConfirmed confirmed(String redemptionId, String code) {
        return new RedemptionSlotConfirmed(BOOK, ALICE, redemptionId, code);
    }

    @Test
    void canHoldTheFirstRedemptionCreatingTheWallet() {
        perUserLimit(2);
        fixture.givenNoPriorActivity()
                .when(reserve("red1"))
                .expectEvents(reserved("red1", LATER));
    }

    @Test
    void cannotHoldBeyondTheLimitCountingRedemptionsOfOtherCoupons() {
        perUserLimit(2);
        fixture.given(confirmed("red1", "CODE1"), confirmed("red2", "CODE2"))
                .when(reserve("red3"))
                .expectException(Refused.with(Refusal.USER_REDEMPTION_LIMIT_REACHED))
                .expectNoEvents();
    }

    @Test
    void cannotHoldBeyondTheLimitCountingRedemptionsInProgress() {
        perUserLimit(2);
        fixture.given(confirmed("red1", "CODE1"), reserved("red2", LATER))
                .when(reserve("red3"))
                .expectException(Refused.with(Refusal.USER_REDEMPTION_LIMIT_REACHED))
                .expectNoEvents();
    }

    @Test
    void canHoldAgainOnceAHoldExpiredReleasingIt() {
        perUserLimit(1);
        fixture.given(reserved("red1", NOW))
                .when(reserve("red2"))
                .expectEvents(new RedemptionSlotReleased(BOOK, ALICE, "red1", Wallet.EXPIRED), reserved("red2", LATER));
    }

    @Test
    void canRepeatAHoldWithoutHoldingASecondSlot() {
        perUserLimit(1);
        fixture.given(reserved("red1", LATER))
                .when(reserve("red1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canConfirmAHeldRedemption() {
        fixture.given(reserved("red1", LATER))
                .when(new ConfirmRedemptionSlot(BOOK, ALICE, "red1", "CODE1"))
                .expectEvents(confirmed("red1", "CODE1"));
    }

    @Test
    void canConfirmARedemptionWhoseHoldExpiredBecauseTheCouponStoredIt() {
        fixture.given(reserved("red1", NOW), new RedemptionSlotReleased(BOOK, ALICE, "red1", Wallet.EXPIRED))
                .when(new ConfirmRedemptionSlot(BOOK, ALICE, "red1", "CODE1"))
                .expectEvents(confirmed("red1", "CODE1"));
    }

    @Test
    void canConfirmTwiceWithoutCountingTwice() {
        fixture.given(reserved("red1", LATER), confirmed("red1", "CODE1"))
                .when(new ConfirmRedemptionSlot(BOOK, ALICE, "red1", "CODE1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canReleaseARefusedRedemptionFreeingItsSlot() {
        fixture.given(reserved("red1", LATER))
                .when(new ReleaseRedemptionSlot(BOOK, ALICE, "red1", "LOCK_NOT_HELD"))
                .expectEvents(new RedemptionSlotReleased(BOOK, ALICE, "red1", "LOCK_NOT_HELD"));
    }

    @Test
    void cannotReleaseAConfirmedRedemption() {
        fixture.given(reserved("red1", LATER), confirmed("red1", "CODE1"))
                .when(new ReleaseRedemptionSlot(BOOK, ALICE, "red1", "FAILED"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canReturnAReversedRedemptionSoItNoLongerCounts() {
        perUserLimit(1);
        fixture.given(confirmed("red1", "CODE1"), new RedemptionSlotReturned(BOOK, ALICE, "red1"))
                .when(reserve("red2"))
                .expectEvents(reserved("red2", LATER));
    }

    @Test
    void canReturnARedemptionOnceOnly() {
        fixture.given(confirmed("red1", "CODE1"), new RedemptionSlotReturned(BOOK, ALICE, "red1"))
                .when(new ReturnRedemptionSlot(BOOK, ALICE, "red1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cannotCountAReturnedRedemptionAgainWhenItsConfirmationComesLate() {
        fixture.given(confirmed("red1", "CODE1"), new RedemptionSlotReturned(BOOK, ALICE, "red1"))
                .when(new ConfirmRedemptionSlot(BOOK, ALICE, "red1", "CODE1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canCountMadeAndLiveHeldRedemptionsButNotExpiredOnes() {
        fixture.given(confirmed("red1", "CODE1"), reserved("red2", LATER), reserved("red3", NOW))
                .when(new CountRedemptions(BOOK, ALICE))
                .expectResultMessagePayload(2)
                .expectNoEvents();
    }
}
