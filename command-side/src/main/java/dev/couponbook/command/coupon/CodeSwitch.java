package dev.couponbook.command.coupon;

import dev.couponbook.command.CommandRetry;
import dev.couponbook.command.code.CodeRegistry;
import dev.couponbook.command.code.CodeRules;
import dev.couponbook.messages.coupon.DisableCode;
import dev.couponbook.messages.coupon.EnableCode;
import dev.couponbook.messages.error.Causes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Disables and enables single codes for admins. The coupon decides (see {@link Coupon}); the pool
 * follows its events, and an assignment that still draws a disabled code drops it.
 */
@Service
public class CodeSwitch {

    private final CommandRetry commands;
    private final CodeRegistry registry;

    public CodeSwitch(CommandRetry commands, CodeRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    /** Where a code stands after a switch. */
    public record CodeAvailability(String code, String bookId, boolean disabled) {
    }

    /** Disables the code; a lost race with its assignment is decided again on the assigned coupon. */
    public CodeAvailability disable(String code) {
        String bookId = bookOf(code);
        try {
            commands.send(new DisableCode(code, bookId));
        } catch (RuntimeException e) {
            throw Causes.refusal(e).<RuntimeException>map(refusal -> refusal).orElse(e);
        }
        return new CodeAvailability(code, bookId, true);
    }

    /** Enables the code; a code that was never disabled has nothing to change. */
    public CodeAvailability enable(String code) {
        String bookId = bookOf(code);
        try {
            commands.send(new EnableCode(code, bookId));
        } catch (RuntimeException e) {
            if (Causes.find(e, AggregateNotFoundException.class).isEmpty()) {
                throw Causes.refusal(e).<RuntimeException>map(refusal -> refusal).orElse(e);
            }
        }
        return new CodeAvailability(code, bookId, false);
    }

    private String bookOf(String code) {
        String bookId = CodeRules.valid(code) ? registry.bookOf(code) : null;
        if (bookId == null) {
            throw new DomainException(Refusal.COUPON_NOT_FOUND, "no coupon book has this code");
        }
        return bookId;
    }
}
