package dev.couponbook.messages.couponbook;

/** Where one code of a book stands: in the pool, held by a user, locked for a checkout, or redeemed at least once. */
public enum CodeStatus { AVAILABLE, ASSIGNED, LOCKED, REDEEMED }
