package dev.couponbook.server.serviceaccount;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An account disabled through another instance reaches this one's token checks within the state
 * cache's time, which may not exceed a minute.
 */
class ServiceAccountStateCacheTest extends IntegrationTest {

    @Autowired
    ServiceAccounts accounts;

    @Autowired
    ServiceAccountSecrets secrets;

    @Autowired
    MongoTemplate mongo;

    @Test
    void canNoticeAChangeMadeElsewhereOnceTheCacheTimeHasPassed() throws InterruptedException {
        Duration cacheTtl = Duration.ofMillis(300);
        ServiceAccountDirectory thisInstance = new ServiceAccountDirectory(mongo, secrets,
                new ServiceAccountProperties(null, cacheTtl));
        String clientId = accounts.create("Seen from two instances").clientId();
        assertThat(thisInstance.state(clientId)).hasValueSatisfying(state -> assertThat(state.enabled()).isTrue());

        // What another instance's directory writes when it stores ServiceAccountDisabled.
        mongo.getCollection(ServiceAccountDirectory.COLLECTION)
                .updateOne(Filters.eq("_id", clientId), Updates.set("enabled", false));
        Instant changed = Instant.now();
        while (thisInstance.state(clientId).orElseThrow().enabled()) {
            assertThat(Duration.between(changed, Instant.now())).isLessThan(cacheTtl.plusSeconds(2));
            Thread.sleep(20);
        }
        assertThat(Duration.between(changed, Instant.now())).isLessThan(cacheTtl.plusSeconds(2));
    }

    @Test
    void cannotTrustAnAccountsStateForMoreThanAMinute() {
        assertThatThrownBy(() -> new ServiceAccountProperties(null, Duration.ofSeconds(61)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state-cache-ttl");
        assertThat(new ServiceAccountProperties(null, null).stateCacheTtl()).isLessThanOrEqualTo(Duration.ofMinutes(1));
    }
}
