package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import dev.couponbook.command.RedisKeys;
import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin consistency check agrees with a history that racing traffic wrote, and points at every planted difference. */
class ConsistencyCheckTest extends CouponIntegrationTest {

    private static final Map<String, Object> TWO_REDEMPTIONS = Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 2);

    @Autowired
    MongoTemplate mongo;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    RedisKeys keys;

    @Test
    void canFindTheReadModelsAndPoolsInAgreementWithTheHistoryAfterRacingTraffic() throws Exception {
        String bookId = coupons.bookWith(CouponApi.freshCodes(30), TWO_REDEMPTIONS);
        List<String> users = IntStream.range(0, 40).mapToObj(i -> coupons.newUser()).toList();
        List<ApiClient.Response> assigned = CouponApi.race(40, i -> coupons.assign(bookId, users.get(i)));
        List<CouponApi.Held> held = new ArrayList<>();
        for (int i = 0; i < assigned.size(); i++) {
            if (assigned.get(i).status() == 201) {
                held.add(new CouponApi.Held(assigned.get(i).json().get("code").asText(), users.get(i)));
            }
        }
        List<ApiClient.Response> locks = CouponApi.race(20, i -> coupons.lock(held.get(i).code(), held.get(i).token(), null));
        CouponApi.race(10, i -> coupons.redeem(held.get(i).code(), held.get(i).token(), lockId(locks.get(i))));
        CouponApi.race(5, i -> coupons.lock(held.get(i).code(), held.get(i).token(), null));
        CouponApi.race(5, i -> coupons.unlock(held.get(i).code(), held.get(i).token()));
        CouponApi.race(5, i -> coupons.lock(held.get(i + 10).code(), held.get(i + 10).token(), null));

        JsonNode report = check(bookId);

        assertThat(held).hasSize(30);
        assertThat(report.get("findings")).isEmpty();
        assertThat(report.get("consistent").asBoolean()).as(report.toPrettyString()).isTrue();
        assertThat(report.get("codes").asLong()).isEqualTo(30);
        assertThat(report.get("checks")).extracting(check -> check.get("name").asText())
                .containsExactly("dead-letters", "book-stats", "book-codes", "user-coupons", "transactions", "code-pools");
        assertThat(compared(report, "book-codes")).isEqualTo(30);
        assertThat(compared(report, "user-coupons")).isEqualTo(30);
        assertThat(compared(report, "transactions")).isGreaterThanOrEqualTo(30 + 10 + 20 + 10 + 5 + 5 + 5);
    }

    @Test
    void canPointAtEachReadModelAndPoolEntryThatDisagreesWithTheHistory() {
        List<String> codes = CouponApi.freshCodes(4);
        String bookId = coupons.bookWith(codes, Map.of());
        String user = coupons.newUser();
        String taken = coupons.assign(bookId, user).json().get("code").asText();
        String free = codes.stream().filter(code -> !code.equals(taken)).findFirst().orElseThrow();
        assertThat(check(bookId).get("consistent").asBoolean()).as("before tampering").isTrue();

        mongo.getCollection("book_codes").updateOne(Filters.eq("_id", free), Updates.set("status", "REDEEMED"));
        mongo.getCollection("user_coupons").deleteOne(Filters.eq("_id", taken));
        redis.opsForSet().remove(keys.pool(bookId), free);
        redis.opsForSet().add(keys.pool(bookId), taken);
        JsonNode report = check(bookId);

        assertThat(report.get("consistent").asBoolean()).isFalse();
        assertThat(report.get("findings")).extracting(f -> f.get("check").asText() + " " + f.get("subject").asText() + " "
                + f.get("field").asText() + " " + f.get("expected").asText() + "→" + f.get("actual").asText())
                .containsExactlyInAnyOrder(
                        "book-codes " + free + " status AVAILABLE→REDEEMED",
                        "user-coupons " + taken + " coupon present→missing",
                        "code-pools " + taken + " pooled code free→assigned",
                        "code-pools " + free + " free code in the pool→missing");
    }

    @Test
    void cannotCreateAPhantomBookWithARefusalOnAMadeUpBookId() {
        String madeUp = UUID.randomUUID().toString();
        String user = coupons.newUser();
        ApiClient.Response refused = coupons.assign(madeUp, user);
        assertThat(refused.problemCode()).isEqualTo("BOOK_NOT_FOUND");
        String later = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        assertThat(coupons.assign(later, user).status()).isEqualTo(201);

        ApiClient.Response report = api.get("/api/v1/admin/consistency?waitMs=20000", coupons.admin);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.raw()).doesNotContain(madeUp);
        assertThat(mongo.getCollection("book_stats_buckets").countDocuments(Filters.eq("bookId", madeUp))).isZero();
        assertThat(mongo.getCollection("transactions").countDocuments(Filters.eq("bookId", madeUp))).isZero();
    }

    @Test
    void cannotCheckConsistencyAsAUserNorForAnUnknownBook() {
        assertThat(api.get("/api/v1/admin/consistency", coupons.newUser()).status()).isEqualTo(403);
        ApiClient.Response unknown = api.get("/api/v1/admin/consistency?bookId=no-such-book", coupons.admin);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemCode()).isEqualTo("BOOK_NOT_FOUND");
        assertThat(api.get("/api/v1/admin/consistency?waitMs=-1", coupons.admin).status()).isEqualTo(400);
    }

    private JsonNode check(String bookId) {
        ApiClient.Response response = api.get("/api/v1/admin/consistency?bookId=" + bookId, coupons.admin);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    private static long compared(JsonNode report, String check) {
        for (JsonNode node : report.get("checks")) {
            if (node.get("name").asText().equals(check)) {
                return node.get("compared").asLong();
            }
        }
        throw new AssertionError("no check " + check);
    }

    private static String lockId(ApiClient.Response lock) {
        return lock.json().get("lockId").asText();
    }
}
