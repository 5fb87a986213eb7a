package dev.couponbook.command.budget;

import dev.couponbook.command.couponbook.GivenBooks;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.budget.BudgetBlockReceived;
import dev.couponbook.messages.budget.BudgetSliceDrained;
import dev.couponbook.messages.budget.BudgetUnitDrawn;
import dev.couponbook.messages.budget.BudgetUnitReturned;
import dev.couponbook.messages.budget.CheckBudgetSlice;
import dev.couponbook.messages.budget.DrawBudgetUnit;
import dev.couponbook.messages.budget.ReceiveBudgetBlock;
import dev.couponbook.messages.budget.ReturnBudgetUnit;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A budget slice hands out the units it received, each once, one rule per test. */
class BudgetSliceTest {

    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";
    private static final BudgetBlockReceived TWO = new BudgetBlockReceived(BOOK, 1, "b1", 2, 100);
    private static final String DRAIN = "budget-slice:" + BOOK + ":1:drain:";

    private final GivenBooks books = new GivenBooks();
    private AggregateTestFixture<BudgetSlice> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BudgetSlice.class);
        fixture.registerInjectableResource(books);
    }

    /** Gives the book a budget of {@code total} redemptions. */
    private void budget(int total) {
        books.with(BOOK, new CouponBookTerms("Summer", null, null, null, null, null, true, null, null, total, null), true);
    }

    private static DrawBudgetUnit draw(String redemptionId) {
        return new DrawBudgetUnit(BOOK, 1, redemptionId);
    }

    @Test
    void canDrawAUnitItHolds() {
        budget(100);
        fixture.given(TWO)
                .when(draw("red1"))
                .expectEvents(new BudgetUnitDrawn(BOOK, 1, "red1"))
                .expectResultMessagePayload(BudgetDraw.DRAWN);
    }

    @Test
    void cannotDrawFromAnEmptySlice() {
        budget(100);
        fixture.given(TWO, new BudgetUnitDrawn(BOOK, 1, "red1"), new BudgetUnitDrawn(BOOK, 1, "red2"))
                .when(draw("red3"))
                .expectNoEvents()
                .expectResultMessagePayload(BudgetDraw.EMPTY);
    }

    @Test
    void canRepeatADrawWithoutTakingASecondUnit() {
        budget(100);
        fixture.given(TWO, new BudgetUnitDrawn(BOOK, 1, "red1"))
                .when(draw("red1"))
                .expectNoEvents()
                .expectResultMessagePayload(BudgetDraw.DRAWN);
    }

    @Test
    void cannotDrawUnitsGrantedUnderAHigherTotalDrainingThemInstead() {
        budget(50);
        fixture.given(TWO)
                .when(draw("red1"))
                .expectEvents(new BudgetSliceDrained(BOOK, 1, DRAIN + 1, 2, 50))
                .expectResultMessagePayload(BudgetDraw.drained(DRAIN + 1, 2));
    }

    @Test
    void canDrainAgainUnderItsOwnNumberWhenTheTotalIsLoweredOnceMore() {
        budget(20);
        fixture.given(TWO, new BudgetSliceDrained(BOOK, 1, DRAIN + 1, 2, 50), new BudgetBlockReceived(BOOK, 1, "b2", 3, 50))
                .when(draw("red1"))
                .expectEvents(new BudgetSliceDrained(BOOK, 1, DRAIN + 2, 3, 20));
    }

    @Test
    void canDrawUnitsGrantedUnderALowerTotalAfterTheTotalWasRaised() {
        budget(200);
        fixture.given(TWO)
                .when(draw("red1"))
                .expectEvents(new BudgetUnitDrawn(BOOK, 1, "red1"));
    }

    @Test
    void canReceiveABlockCreatingTheSliceAndDrawFromIt() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveBudgetBlock(BOOK, 1, "b1", 2, 100, "red1"))
                .expectEvents(TWO, new BudgetUnitDrawn(BOOK, 1, "red1"))
                .expectResultMessagePayload(BudgetDraw.DRAWN);
    }

    @Test
    void canReceiveABlockOnceOnly() {
        fixture.given(TWO)
                .when(new ReceiveBudgetBlock(BOOK, 1, "b1", 2, 100, "red1"))
                .expectEvents(new BudgetUnitDrawn(BOOK, 1, "red1"));
    }

    @Test
    void canTakeBackTheUnitOfARedemptionThatDrewHere() {
        fixture.given(TWO, new BudgetUnitDrawn(BOOK, 1, "red1"))
                .when(new ReturnBudgetUnit(BOOK, 1, "red1"))
                .expectEvents(new BudgetUnitReturned(BOOK, 1, "red1"))
                .expectResultMessagePayload(true);
    }

    @Test
    void cannotTakeBackAUnitTwice() {
        fixture.given(TWO, new BudgetUnitDrawn(BOOK, 1, "red1"), new BudgetUnitReturned(BOOK, 1, "red1"))
                .when(new ReturnBudgetUnit(BOOK, 1, "red1"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void cannotTakeBackAUnitThatAnotherSliceHandedOut() {
        fixture.given(TWO)
                .when(new ReturnBudgetUnit(BOOK, 1, "red9"))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void canCountItsUnitsWithReturnedOnes() {
        fixture.given(TWO, new BudgetUnitDrawn(BOOK, 1, "red1"), new BudgetUnitDrawn(BOOK, 1, "red2"),
                        new BudgetUnitReturned(BOOK, 1, "red1"))
                .when(new CheckBudgetSlice(BOOK, 1))
                .expectResultMessagePayload(1);
    }
}
