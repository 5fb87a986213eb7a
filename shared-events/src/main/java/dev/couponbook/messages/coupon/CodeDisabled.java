package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

/**
 * An admin disabled a code: it is not assigned, locked or redeemed until enabled. {@code userId}
 * is its holder, null while the code is unassigned (then this event may begin the coupon's stream).
 */
@Revision("1")
public record CodeDisabled(String code, String bookId, String userId) {
}
