package dev.couponbook.messages.transaction;

import java.util.List;

/** One page of the transaction log; {@code rebuilding} says the read model is being replayed and may be incomplete. */
public record TransactionPage(List<TransactionView> items, int page, int size, boolean hasNext, boolean rebuilding) {
}
