package dev.couponbook.command.wallet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The reservations this instance confirmed itself in the last minutes. The assignment request
 * confirms its own slot, so {@link WalletConfirmations} skips those and only completes the
 * assignments whose confirmation was lost; after a restart the memory is empty and every
 * assignment is confirmed again, which is harmless.
 */
@Component
public class RecentConfirmations {

    private final Cache<String, Boolean> confirmed = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(10)).maximumSize(1_000_000).build();

    public void add(String reservationId) {
        confirmed.put(reservationId, Boolean.TRUE);
    }

    boolean contains(String reservationId) {
        return confirmed.getIfPresent(reservationId) != null;
    }
}
