package dev.couponbook.messages.coupon;

import org.axonframework.serialization.Revision;

/** An admin enabled a disabled code again; {@code userId} is its holder, null while unassigned (the code is free again). */
@Revision("1")
public record CodeEnabled(String code, String bookId, String userId) {
}
