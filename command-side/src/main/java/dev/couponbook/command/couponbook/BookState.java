package dev.couponbook.command.couponbook;

import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A book's terms and active flag as the command side knows them, with the rule deciding whether coupons may be handed out or used now. */
public record BookState(String bookId, CouponBookTerms terms, boolean active) {

    /** The book's {@code maxRedemptionsTotal}; {@link Integer#MAX_VALUE} for a book without a budget. */
    public int redemptionsTotal() {
        Integer total = terms.maxRedemptionsTotal();
        return total == null ? Integer.MAX_VALUE : total;
    }

    /** Throws unless the book is active and {@code now} lies in its window: {@code startDate} included, {@code endDate} excluded. */
    public void requireOpen(Instant now) {
        List<DomainException> refusals = refusals(now);
        if (!refusals.isEmpty()) {
            throw refusals.get(0);
        }
    }

    /** Every reason the rule refuses the book at {@code now}, in the order {@link #requireOpen} names the first. */
    public List<DomainException> refusals(Instant now) {
        List<DomainException> refusals = new ArrayList<>();
        if (!active) {
            refusals.add(new DomainException(Refusal.BOOK_INACTIVE));
        }
        if (terms.startDate() != null && now.isBefore(terms.startDate())) {
            refusals.add(new DomainException(Refusal.BOOK_NOT_STARTED, "the coupon book opens at " + terms.startDate()));
        }
        if (terms.endDate() != null && !now.isBefore(terms.endDate())) {
            refusals.add(new DomainException(Refusal.BOOK_EXPIRED, "the coupon book ended at " + terms.endDate()));
        }
        return refusals;
    }
}
