package dev.couponbook.command.assignment;

import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.command.code.CodeValidity;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.coupon.AssignCoupon;
import dev.couponbook.messages.coupon.AssignFreeCoupon;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.messages.wallet.CouponSlotConfirmed;
import dev.couponbook.messages.wallet.CouponSlotReserved;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The assignment process, one rule per test: given the wallet's and the coupons' history, a command, the events it stores. */
class CouponAssignmentTest {

    private static final Instant NOW = Instant.parse("2026-07-01T12:00:00Z");
    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";
    private static final String ALICE = "alice";
    private static final AssignmentFixture.Stream ALICES_WALLET = new AssignmentFixture.Stream("Wallet", AggregateIds.wallet(BOOK, ALICE));

    private AssignmentFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new AssignmentFixture(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void tearDown() {
        fixture.stop();
    }

    private static AssignmentFixture.Stream coupon(String code) {
        return new AssignmentFixture.Stream("Coupon", AggregateIds.coupon(code));
    }

    /** Opens the book with a per-user limit of {@code max} codes (null: none). */
    private void codesPerUser(Integer max) {
        fixture.books.with(BOOK, new CouponBookTerms("Summer", null, null, null, max, null, false, null, null, null, null), true);
    }

    private static AssignFreeCoupon anyCode(String assignmentId) {
        return new AssignFreeCoupon(BOOK, ALICE, assignmentId);
    }

    private static AssignCoupon code(String code, String assignmentId) {
        return new AssignCoupon(code, BOOK, ALICE, assignmentId);
    }

    private static CouponSlotConfirmed held(String code, String assignmentId) {
        return new CouponSlotConfirmed(BOOK, ALICE, assignmentId, code);
    }

    private static CouponAssigned assigned(String code, String assignmentId) {
        return new CouponAssigned(code, BOOK, ALICE, assignmentId);
    }

    private Refusal refusal() {
        return Causes.refusal(fixture.failure()).orElseThrow(() -> new AssertionError("no refusal: " + fixture.failure())).refusal();
    }

    @Test
    void canAssignAFreeCodeRecordingItInTheWalletBeforeCreatingTheCoupon() {
        codesPerUser(2);
        fixture.pool.add("FREE1");
        fixture.when(anyCode("a1"));
        assertThat(fixture.events()).containsExactly(held("FREE1", "a1"), assigned("FREE1", "a1"));
        assertThat(fixture.result()).isEqualTo("FREE1");
    }

    @Test
    void cannotAssignBeyondTheLimitAndTakesNoCode() {
        codesPerUser(1);
        fixture.pool.add("FREE1");
        fixture.given(ALICES_WALLET, held("CODE1", "a1")).when(anyCode("a2"));
        assertThat(refusal()).isEqualTo(Refusal.CODE_LIMIT_REACHED);
        assertThat(fixture.events()).isEmpty();
        assertThat(fixture.pool).containsExactly("FREE1");
    }

    @Test
    void cannotAssignFromADeactivatedBookAndTakesNoCode() {
        fixture.books.with(BOOK, new CouponBookTerms("Summer", null, null, null, null, null, false, null, null, null, null), false);
        fixture.pool.add("FREE1");
        fixture.when(anyCode("a1"));
        assertThat(refusal()).isEqualTo(Refusal.BOOK_INACTIVE);
        assertThat(fixture.events()).isEmpty();
        assertThat(fixture.pool).containsExactly("FREE1");
    }

    @Test
    void cannotAssignAChosenCodeOfABookThatHasEnded() {
        fixture.books.with(BOOK, new CouponBookTerms("Summer", null, null, NOW, null, null, false, null, null, null, null), true);
        fixture.when(code("GIVEN", "a1"));
        assertThat(refusal()).isEqualTo(Refusal.BOOK_EXPIRED);
        assertThat(fixture.events()).isEmpty();
    }

    @Test
    void canAssignUpToTheLimit() {
        codesPerUser(2);
        fixture.pool.add("FREE2");
        fixture.given(ALICES_WALLET, held("CODE1", "a1")).when(anyCode("a2"));
        assertThat(fixture.events()).containsExactly(held("FREE2", "a2"), assigned("FREE2", "a2"));
    }

    @Test
    void cannotAssignWhenNoCodeIsLeft() {
        codesPerUser(null);
        fixture.when(anyCode("a1"));
        assertThat(refusal()).isEqualTo(Refusal.NO_CODES_AVAILABLE);
        assertThat(fixture.events()).isEmpty();
    }

    @Test
    void canSkipAnAssignedCodeLeftInThePoolWithoutPuttingItBack() {
        codesPerUser(null);
        fixture.pool.add("TAKEN");
        fixture.pool.add("FREE1");
        fixture.given(coupon("TAKEN"), new CouponAssigned("TAKEN", BOOK, "bob", "b1")).when(anyCode("a1"));
        assertThat(fixture.events()).containsExactly(held("FREE1", "a1"), assigned("FREE1", "a1"));
        assertThat(fixture.putBack).isEmpty();
    }

    @Test
    void canSkipADisabledCode() {
        codesPerUser(null);
        fixture.pool.add("OFF");
        fixture.pool.add("FREE1");
        fixture.given(coupon("OFF"), new CodeDisabled("OFF", BOOK, null)).when(anyCode("a1"));
        assertThat(fixture.events()).containsExactly(held("FREE1", "a1"), assigned("FREE1", "a1"));
    }

    @Test
    void cannotAssignAFreeCodePastItsOwnExpiry() {
        codesPerUser(null);
        fixture.validity = new CodeValidity.Validity(NOW, null);
        fixture.pool.add("OLD");
        fixture.when(anyCode("a1"));
        assertThat(refusal()).isEqualTo(Refusal.NO_CODES_AVAILABLE);
        assertThat(fixture.events()).isEmpty();
    }

    @Test
    void canRecordWhenTheCouponExpires() {
        codesPerUser(null);
        fixture.validity = new CodeValidity.Validity(NOW.plus(Duration.ofDays(30)), Duration.ofHours(2));
        fixture.pool.add("FREE1");
        fixture.when(anyCode("a1"));
        assertThat(fixture.events()).containsExactly(held("FREE1", "a1"),
                new CouponAssigned("FREE1", BOOK, ALICE, "a1", NOW.plus(Duration.ofHours(2))));
    }

    @Test
    void canRepeatAStoredAssignmentGettingItsCodeAgain() {
        codesPerUser(5);
        fixture.pool.add("FREE2");
        fixture.given(ALICES_WALLET, held("FREE1", "a1")).when(anyCode("a1"));
        assertThat(fixture.result()).isEqualTo("FREE1");
        assertThat(fixture.events()).isEmpty();
        assertThat(fixture.pool).containsExactly("FREE2");
    }

    @Test
    void cannotAssignWhileAReservationFromBeforeOneStepAssignmentFillsTheLimit() {
        codesPerUser(1);
        fixture.pool.add("FREE1");
        fixture.given(ALICES_WALLET, new CouponSlotReserved(BOOK, ALICE, "r1", NOW.plusSeconds(30))).when(anyCode("a1"));
        assertThat(refusal()).isEqualTo(Refusal.CODE_LIMIT_REACHED);
    }

    @Test
    void canAssignOnceAReservationFromBeforeOneStepAssignmentExpired() {
        codesPerUser(1);
        fixture.pool.add("FREE1");
        fixture.given(ALICES_WALLET, new CouponSlotReserved(BOOK, ALICE, "r1", NOW)).when(anyCode("a1"));
        assertThat(fixture.events()).containsExactly(held("FREE1", "a1"), assigned("FREE1", "a1"));
    }

    @Test
    void canAssignAGivenCode() {
        codesPerUser(1);
        fixture.when(code("GIVEN", "a1"));
        assertThat(fixture.events()).containsExactly(held("GIVEN", "a1"), assigned("GIVEN", "a1"));
    }

    @Test
    void canAssignAGivenCodeEnabledAgainContinuingItsStream() {
        codesPerUser(null);
        fixture.given(coupon("GIVEN"), new CodeDisabled("GIVEN", BOOK, null), new CodeEnabled("GIVEN", BOOK, null))
                .when(code("GIVEN", "a1"));
        assertThat(fixture.events()).containsExactly(held("GIVEN", "a1"), assigned("GIVEN", "a1"));
        assertThat(fixture.sequencesOf(AggregateIds.coupon("GIVEN"))).containsExactly(0L, 1L, 2L);
    }

    @Test
    void cannotAssignAGivenCodeTwice() {
        codesPerUser(null);
        fixture.given(coupon("GIVEN"), new CouponAssigned("GIVEN", BOOK, "bob", "b1")).when(code("GIVEN", "a1"));
        assertThat(refusal()).isEqualTo(Refusal.COUPON_ALREADY_ASSIGNED);
        assertThat(fixture.events()).isEmpty();
    }

    @Test
    void cannotAssignAGivenDisabledCode() {
        codesPerUser(null);
        fixture.given(coupon("GIVEN"), new CodeDisabled("GIVEN", BOOK, null)).when(code("GIVEN", "a1"));
        assertThat(refusal()).isEqualTo(Refusal.COUPON_DISABLED);
        assertThat(fixture.events()).isEmpty();
    }

    @Test
    void cannotAssignAGivenCodePastItsOwnExpiry() {
        codesPerUser(null);
        fixture.validity = new CodeValidity.Validity(NOW, null);
        fixture.when(code("GIVEN", "a1"));
        assertThat(refusal()).isEqualTo(Refusal.COUPON_EXPIRED);
        assertThat(fixture.events()).isEmpty();
    }

    @Test
    void cannotAssignAGivenCodeBeyondTheLimit() {
        codesPerUser(1);
        fixture.given(ALICES_WALLET, held("CODE1", "a0")).when(code("GIVEN", "a1"));
        assertThat(refusal()).isEqualTo(Refusal.CODE_LIMIT_REACHED);
        assertThat(fixture.events()).isEmpty();
    }

    @Test
    void canRepeatTheAssignmentOfAHeldCodeAsANoOp() {
        codesPerUser(1);
        fixture.given(ALICES_WALLET, held("GIVEN", "a1")).when(code("GIVEN", "a2"));
        assertThat(fixture.failure()).isNull();
        assertThat(fixture.events()).isEmpty();
    }
}
