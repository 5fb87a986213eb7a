package dev.couponbook.command.wallet;

import dev.couponbook.command.concurrency.CommandRetry;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.wallet.ConfirmCouponSlot;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Confirms the wallet slot of every stored assignment. The assignment request confirms it
 * itself; this handler completes the ones where the instance died or the confirmation failed
 * after the code was assigned. Confirmation is idempotent, so the usual double is harmless.
 */
@Component
@ProcessingGroup(WalletConfirmations.PROCESSING_GROUP)
public class WalletConfirmations {

    public static final String PROCESSING_GROUP = "wallet-confirmations";

    private final CommandRetry commands;

    public WalletConfirmations(CommandRetry commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(CouponAssigned event) {
        commands.send(new ConfirmCouponSlot(event.bookId(), event.userId(), event.reservationId(), event.code()));
    }
}
