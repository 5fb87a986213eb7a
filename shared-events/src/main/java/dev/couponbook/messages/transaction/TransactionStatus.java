package dev.couponbook.messages.transaction;

/** Whether the recorded action happened or was refused. */
public enum TransactionStatus { SUCCEEDED, REJECTED }
