package dev.couponbook.command.wallet;

import dev.couponbook.command.assignment.CouponAssignments;
import dev.couponbook.messages.wallet.CouponSlotConfirmed;
import dev.couponbook.messages.wallet.CouponSlotReleased;
import dev.couponbook.messages.wallet.ReleaseCouponSlot;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * Giving back the slot of an assignment whose append was stored only in part, one rule per test;
 * the assignment itself is {@code CouponAssignmentTest}'s, redemption holds {@code WalletRedemptionTest}'s.
 */
class WalletTest {

    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");
    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";
    private static final String ALICE = "alice";

    private AggregateTestFixture<Wallet> fixture;
    private final Set<String> couponsCreated = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource((CouponAssignments) (code, assignmentId) -> couponsCreated.contains(code + "/" + assignmentId));
    }

    private static CouponSlotConfirmed held(String code, String assignmentId) {
        return new CouponSlotConfirmed(BOOK, ALICE, assignmentId, code);
    }

    @Test
    void canGiveBackAHeldSlotWhoseCouponWasNotCreatedUnderIt() {
        fixture.given(held("CODE1", "a1"))
                .when(new ReleaseCouponSlot(BOOK, ALICE, "a1", "NOT_ASSIGNED"))
                .expectEvents(new CouponSlotReleased(BOOK, ALICE, "a1", "NOT_ASSIGNED"));
    }

    @Test
    void cannotGiveBackASlotWhoseCouponWasCreatedUnderIt() {
        couponsCreated.add("CODE1/a1");
        fixture.given(held("CODE1", "a1"))
                .when(new ReleaseCouponSlot(BOOK, ALICE, "a1", "NOT_ASSIGNED"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canGiveBackASlotOnlyOnce() {
        fixture.given(held("CODE1", "a1"), new CouponSlotReleased(BOOK, ALICE, "a1", "NOT_ASSIGNED"))
                .when(new ReleaseCouponSlot(BOOK, ALICE, "a1", "NOT_ASSIGNED"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
