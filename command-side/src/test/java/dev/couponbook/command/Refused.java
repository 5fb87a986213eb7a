package dev.couponbook.command;

import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

/** Matches the domain's refusal by its catalogue entry, for a fixture's {@code expectException}. */
public final class Refused {

    private Refused() {
    }

    public static Matcher<DomainException> with(Refusal expected) {
        return new CustomTypeSafeMatcher<>("a refusal " + expected) {
            @Override
            protected boolean matchesSafely(DomainException refusal) {
                return refusal.refusal() == expected;
            }
        };
    }
}
