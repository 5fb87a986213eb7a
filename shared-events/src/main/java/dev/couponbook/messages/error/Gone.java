package dev.couponbook.messages.error;

/** A book whose validity window has ended. */
public class Gone extends DomainException {

    public Gone(String code, String message) {
        super(Kind.GONE, code, message);
    }
}
