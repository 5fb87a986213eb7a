package dev.couponbook.command.budget;

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

    private AggregateTestFixture<RedemptionBudget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RedemptionBudget.class);
    }

    private static AllocateBudgetBlock allocate(String blockId, int total) {
        return new AllocateBudgetBlock(BOOK, 3, blockId, total, 10, 4);
    }

    @Test
    void canGrantAFullBlockWhileMuchIsLeft() {
        fixture.givenNoPriorActivity()
                .when(allocate("b1", 100))
                .expectEvents(new BudgetBlockGranted(BOOK, 3, "b1", 10, 100))
                .expectResultMessagePayload(10);
    }

    @Test
    void canGrantOnlyASlicesShareOfWhatIsLeftNearTheEnd() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 88, 100))
                .when(allocate("b1", 100))
                .expectEvents(new BudgetBlockGranted(BOOK, 3, "b1", 3, 100))
                .expectResultMessagePayload(3);
    }

    @Test
    void canGrantTheLastUnitAlone() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 99, 100))
                .when(allocate("b1", 100))
                .expectEvents(new BudgetBlockGranted(BOOK, 3, "b1", 1, 100))
                .expectResultMessagePayload(1);
    }

    @Test
    void cannotGrantBeyondTheTotal() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 10))
                .when(allocate("b1", 10))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void cannotGrantWhenTheTotalWasLoweredBelowWhatIsOut() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 100))
                .when(allocate("b1", 5))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void canGrantAgainWhatASliceGaveBack() {
        fixture.given(new BudgetBlockGranted(BOOK, 0, "b0", 10, 10), new BudgetUnitsReturned(BOOK, 0, "d1", 4))
                .when(allocate("b1", 10))
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
