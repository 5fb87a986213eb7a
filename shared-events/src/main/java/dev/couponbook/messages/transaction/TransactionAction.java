package dev.couponbook.messages.transaction;

/** What a transaction-log entry records being done to a coupon. */
public enum TransactionAction { ASSIGN, LOCK, UNLOCK, LOCK_EXPIRY, LOCK_EXTENSION, REDEEM, REVERSE }
