package dev.couponbook.command.budget;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the per-user limit and the book budget are kept ({@code couponbook.redemption-limits.*}).
 *
 * @param budgetSlices    slices a book's budget is spread over: redemptions of one book run on this
 *                        many aggregates at once; every instance must use the same number
 * @param budgetBlockSize most units a slice takes from the budget at once
 * @param holdTtl         how long a redemption's hold on the user's limit lasts if the server dies
 *                        before the coupon answers
 */
@Validated
@ConfigurationProperties("couponbook.redemption-limits")
public record RedemptionLimitProperties(@Min(1) @Max(256) Integer budgetSlices,
                                        @Min(1) Integer budgetBlockSize,
                                        @DurationMin(seconds = 1) Duration holdTtl) {

    public RedemptionLimitProperties {
        budgetSlices = budgetSlices == null ? 8 : budgetSlices;
        budgetBlockSize = budgetBlockSize == null ? 50 : budgetBlockSize;
        holdTtl = holdTtl == null ? Duration.ofMinutes(1) : holdTtl;
    }
}
