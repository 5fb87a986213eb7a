package dev.couponbook.messages.error;

/** Input that breaks a domain rule (for example an end date before the start date). */
public class InvalidInput extends DomainException {

    public InvalidInput(String code, String message) {
        super(Kind.INVALID, code, message);
    }
}
