package dev.couponbook.server.axon;

import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A processor's claim is written once per batch, not twice: an extension right after a write is skipped. */
class ServiceTokenStoreTest {

    private final MovableClock clock = new MovableClock();
    private EventStorageFixture store;
    private TokenStore tokens;

    @BeforeEach
    void start() {
        store = new EventStorageFixture();
        GlobalIndexEventStorageEngine engine = store.engine(store.strategy(new EventTrackingProperties(null, null, null, null), clock));
        tokens = new ServiceTokenStore(store.mongoTokenStore("node"), engine, clock);
        tokens.initializeTokenSegments("processor", 1, GapAwareTrackingToken.newInstance(0, List.of()));
    }

    @AfterEach
    void stop() {
        store.close();
    }

    @Test
    void canSkipAClaimExtensionRightAfterTheClaimWasWritten() throws Exception {
        tokens.storeToken(GapAwareTrackingToken.newInstance(5, List.of()), "processor", 0);
        Object written = claimTime();
        Thread.sleep(20);

        tokens.extendClaim("processor", 0);

        assertThat(claimTime()).isEqualTo(written);
    }

    @Test
    void canExtendAClaimConfirmedLongerAgoThanTheWindow() throws Exception {
        tokens.storeToken(GapAwareTrackingToken.newInstance(5, List.of()), "processor", 0);
        Object written = claimTime();
        Thread.sleep(20);
        clock.advance(ServiceTokenStore.CONFIRMED_FOR);

        tokens.extendClaim("processor", 0);

        assertThat(claimTime()).isNotEqualTo(written);
    }

    private Object claimTime() {
        return store.template.trackingTokensCollection().find(Filters.eq("processorName", "processor")).first().get("timestamp");
    }
}
