package dev.couponbook.messages.couponbook;

/** Where a generation job stands: accepted, recording chunks, or finished one way or the other. */
public enum GenerationJobStatus { PENDING, RUNNING, COMPLETED, FAILED }
