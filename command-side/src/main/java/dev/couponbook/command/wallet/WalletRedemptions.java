package dev.couponbook.command.wallet;

import dev.couponbook.command.CommandRetry;
import dev.couponbook.command.couponbook.Books;
import dev.couponbook.messages.coupon.CouponRedeemed;
import dev.couponbook.messages.coupon.CouponRedemptionReversed;
import dev.couponbook.messages.wallet.ConfirmRedemptionSlot;
import dev.couponbook.messages.wallet.ReturnRedemptionSlot;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Counts in the holder's wallet every stored redemption of a book with a per-user limit, and
 * returns every reversed one, after the fact: the request does both itself, but its instance may
 * die between the coupon's event and the wallet's. Both commands are idempotent, so the repeat of
 * what the request did changes nothing, and a late confirmation of a reversed redemption is ignored.
 */
@Component
@ProcessingGroup(WalletRedemptions.PROCESSING_GROUP)
public class WalletRedemptions {

    public static final String PROCESSING_GROUP = "wallet-redemptions";

    private final CommandRetry commands;
    private final Books books;

    public WalletRedemptions(CommandRetry commands, Books books) {
        this.commands = commands;
        this.books = books;
    }

    @EventHandler
    void on(CouponRedeemed event) {
        if (limited(event.bookId())) {
            commands.send(new ConfirmRedemptionSlot(event.bookId(), event.userId(), event.redemptionId(), event.code()));
        }
    }

    @EventHandler
    void on(CouponRedemptionReversed event) {
        if (limited(event.bookId())) {
            commands.sendIfExists(new ReturnRedemptionSlot(event.bookId(), event.userId(), event.redemptionId()), null);
        }
    }

    private boolean limited(String bookId) {
        return books.current(bookId).terms().maxRedemptionsPerUser() != null;
    }
}
