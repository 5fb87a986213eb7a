package dev.couponbook.command.wallet;

import dev.couponbook.command.Refused;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.ConfirmCouponSlot;
import dev.couponbook.messages.wallet.CouponSlotConfirmed;
import dev.couponbook.messages.wallet.CouponSlotReleased;
import dev.couponbook.messages.wallet.CouponSlotReserved;
import dev.couponbook.messages.wallet.ReleaseCouponSlot;
import dev.couponbook.messages.wallet.ReserveCouponSlot;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The wallet's per-user limit and the life of a reservation, one rule per test. */
class WalletTest {

    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(60);
    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";
    private static final String ALICE = "alice";

    private AggregateTestFixture<Wallet> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ReserveCouponSlot reserve(String reservationId, Integer max) {
        return new ReserveCouponSlot(BOOK, ALICE, reservationId, max, LATER);
    }

    private static CouponSlotReserved reserved(String reservationId, Instant expiresAt) {
        return new CouponSlotReserved(BOOK, ALICE, reservationId, expiresAt);
    }

    @Test
    void canReserveTheFirstSlotCreatingTheWallet() {
        fixture.givenNoPriorActivity()
                .when(reserve("r1", 2))
                .expectEvents(reserved("r1", LATER));
    }

    @Test
    void cannotReserveBeyondTheLimitCountingPendingReservations() {
        fixture.given(reserved("r1", LATER), new CouponSlotConfirmed(BOOK, ALICE, "r0", "CODE0"))
                .when(reserve("r2", 2))
                .expectException(Refused.with(Refusal.CODE_LIMIT_REACHED))
                .expectNoEvents();
    }

    @Test
    void canReserveWithoutALimit() {
        fixture.given(reserved("r1", LATER), reserved("r2", LATER))
                .when(reserve("r3", null))
                .expectEvents(reserved("r3", LATER));
    }

    @Test
    void canReserveAgainOnceAReservationExpiredReleasingIt() {
        fixture.given(reserved("r1", NOW))
                .when(reserve("r2", 1))
                .expectEvents(new CouponSlotReleased(BOOK, ALICE, "r1", Wallet.EXPIRED), reserved("r2", LATER));
    }

    @Test
    void canRepeatAReservationWithoutHoldingASecondSlot() {
        fixture.given(reserved("r1", LATER))
                .when(reserve("r1", 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canConfirmAReservationWithItsCode() {
        fixture.given(reserved("r1", LATER))
                .when(new ConfirmCouponSlot(BOOK, ALICE, "r1", "CODE1"))
                .expectEvents(new CouponSlotConfirmed(BOOK, ALICE, "r1", "CODE1"));
    }

    @Test
    void canConfirmTwiceWithoutCountingTheCodeTwice() {
        fixture.given(reserved("r1", LATER), new CouponSlotConfirmed(BOOK, ALICE, "r1", "CODE1"))
                .when(new ConfirmCouponSlot(BOOK, ALICE, "r1", "CODE1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canConfirmAnExpiredReservationBecauseTheCodeIsHeld() {
        fixture.given(reserved("r1", NOW), new CouponSlotReleased(BOOK, ALICE, "r1", Wallet.EXPIRED))
                .when(new ConfirmCouponSlot(BOOK, ALICE, "r1", "CODE1"))
                .expectEvents(new CouponSlotConfirmed(BOOK, ALICE, "r1", "CODE1"));
    }

    @Test
    void canReleaseAReservationFreeingItsSlot() {
        fixture.given(reserved("r1", LATER))
                .when(new ReleaseCouponSlot(BOOK, ALICE, "r1", "NO_CODES"))
                .expectEvents(new CouponSlotReleased(BOOK, ALICE, "r1", "NO_CODES"));
    }

    @Test
    void cannotReleaseAConfirmedReservation() {
        fixture.given(reserved("r1", LATER), new CouponSlotConfirmed(BOOK, ALICE, "r1", "CODE1"))
                .when(new ReleaseCouponSlot(BOOK, ALICE, "r1", "FAILED"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
