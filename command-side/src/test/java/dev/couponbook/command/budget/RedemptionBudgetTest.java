package dev.couponbook.command.budget;

import dev.couponbook.command.couponbook.GivenBooks;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.budget.AllocateBudgetBlock;
import dev.couponbook.messages.budget.BudgetBlockGranted;
import dev.couponbook.messages.budget.BudgetUnitsReturned;
import dev.couponbook.messages.budget.CheckBudget;
import dev.couponbook.messages.budget.ReturnBudgetUnits;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A book's budget hands out blocks and never more than its total, one rule per test. */
class RedemptionBudgetTest {

    private static final String BOOK = "3f1c1a8e-2f43-4a57-9c1e-1e7f6f0b9a11";

    private final GivenBooks books = new GivenBooks();
    private AggregateTestFixture<RedemptionBudget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RedemptionBudget.class);
        fixture.registerInjectableResource(books);
    }

    /** Gives the book a budget of {@code total} redemptions. */
    private void budget(int total) {
        books.with(BOOK, new CouponBookTerms("Summer", null, null, null, null, null, true, null, null, total, null), true);
    }

    private static AllocateBudgetBlock allocate(String blockId) {
        return new AllocateBudgetBlock(BOOK, 3, blockId, 10, 4);
    }

    @Test
    void canGrantAFullBlockWhileMuchIsLeft() {
        budget(100);
        fixture.givenNoPriorActivity()
                .when(allocate("b1"))
                .expectEvents(new BudgetBlockGranted(BOOK, 3, "b1", 10, 100))
                .expectResultMessagePayload(new BudgetGrant(10, 100));
    }

    @Test
    void canGrantOnlyASlicesShareOfWhatIsLeftNearTheEnd() {
        budget(100);
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 88, 100))
                .when(allocate("b1"))
                .expectEvents(new BudgetBlockGranted(BOOK, 3, "b1", 3, 100))
                .expectResultMessagePayload(new BudgetGrant(3, 100));
    }

    @Test
    void canGrantTheLastUnitAlone() {
        budget(100);
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 99, 100))
                .when(allocate("b1"))
                .expectEvents(new BudgetBlockGranted(BOOK, 3, "b1", 1, 100))
                .expectResultMessagePayload(new BudgetGrant(1, 100));
    }

    @Test
    void cannotGrantBeyondTheTotal() {
        budget(10);
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 10))
                .when(allocate("b1"))
                .expectNoEvents()
                .expectResultMessagePayload(new BudgetGrant(0, 10));
    }

    @Test
    void cannotGrantWhenTheTotalWasLoweredBelowWhatIsOut() {
        budget(5);
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 100))
                .when(allocate("b1"))
                .expectNoEvents()
                .expectResultMessagePayload(new BudgetGrant(0, 5));
    }

    @Test
    void canGrantAgainWhatASliceGaveBack() {
        budget(10);
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 10), new BudgetUnitsReturned(BOOK, 0, "d1", 4))
                .when(allocate("b1"))
                .expectEvents(new BudgetBlockGranted(BOOK, 3, "b1", 1, 10));
    }

    @Test
    void canTakeBackDrainedUnitsOnceOnly() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 10), new BudgetUnitsReturned(BOOK, 0, "d1", 4))
                .when(new ReturnBudgetUnits(BOOK, 0, "d1", 4))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canTakeBackTheDrainsOfSeveralSlices() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 10), new BudgetUnitsReturned(BOOK, 0, "s0:drain:1", 4))
                .when(new ReturnBudgetUnits(BOOK, 1, "s1:drain:1", 3))
                .expectEvents(new BudgetUnitsReturned(BOOK, 1, "s1:drain:1", 3));
    }

    @Test
    void canCountWhatIsOut() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 10), new BudgetUnitsReturned(BOOK, 0, "d1", 4))
                .when(new CheckBudget(BOOK))
                .expectResultMessagePayload(6L);
    }
}
