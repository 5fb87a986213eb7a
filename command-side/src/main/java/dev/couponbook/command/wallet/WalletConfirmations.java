package dev.couponbook.command.wallet;

import dev.couponbook.command.CommandRetry;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.messages.wallet.ConfirmCouponSlot;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Confirms the wallet slot of every stored assignment whose request did not confirm it itself:
 * the instance died or the confirmation failed after the code was assigned. Confirmation is
 * idempotent, so confirming one twice is harmless.
 */
@Component
@ProcessingGroup(WalletConfirmations.PROCESSING_GROUP)
public class WalletConfirmations {

    public static final String PROCESSING_GROUP = "wallet-confirmations";

    private final CommandRetry commands;
    private final RecentConfirmations recent;

    public WalletConfirmations(CommandRetry commands, RecentConfirmations recent) {
        this.commands = commands;
        this.recent = recent;
    }

    @EventHandler
    void on(CouponAssigned event) {
        if (recent.contains(event.reservationId())) {
            return;
        }
        commands.send(new ConfirmCouponSlot(event.bookId(), event.userId(), event.reservationId(), event.code()));
    }
}
