package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An assignment right after starting a generation job is told that the codes are still coming, not that all are gone. */
class NoCodesYetTest extends CouponIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void canTellThatCodesAreStillBeingGeneratedWhenNoneIsFreeYet() {
        String bookId = coupons.createBook(Map.of());
        ApiClient.Response none = coupons.assign(bookId, coupons.newUser());
        assertThat(none.problemCode()).isEqualTo("NO_CODES_AVAILABLE");
        assertThat(none.json().get("detail").asText()).contains("every code");

        // The job as the generation-jobs read model shows it while the worker is still producing chunks.
        mongo.getCollection("generation_jobs").insertOne(new Document("_id", UUID.randomUUID().toString())
                .append("bookId", bookId).append("status", "RUNNING").append("requested", 1000L).append("generated", 0L)
                .append("requestedAt", new Date()));
        ApiClient.Response notYet = coupons.assign(bookId, coupons.newUser());

        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.problemCode()).as("the code stays stable").isEqualTo("NO_CODES_AVAILABLE");
        assertThat(notYet.json().get("detail").asText()).contains("no free codes yet");
    }
}
