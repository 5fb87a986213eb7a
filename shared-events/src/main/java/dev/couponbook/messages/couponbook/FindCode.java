package dev.couponbook.messages.couponbook;

/** Which book holds this code, and where does the code stand? Answered with a {@link BookCodeView}, or null when no book has it. */
public record FindCode(String code) {
}
