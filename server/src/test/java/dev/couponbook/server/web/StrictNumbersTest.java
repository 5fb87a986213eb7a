package dev.couponbook.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.coupon.CouponApi;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Limits, counts and TTLs are JSON integers in range; anything else is refused, naming the field, and creates nothing. */
class StrictNumbersTest extends IntegrationTest {

    private static final List<String> NOT_INTEGERS = List.of("\"\\t\"", "\"\"", "\"2\"", "1.9", "2.0", "1e3", "true",
            "99999999999999999999", "[]", "{}");
    /** Past a 32-bit field's range; the 64-bit counts answer it with their own range check. */
    private static final String TOO_BIG_FOR_INT = "2147483648";

    @Autowired
    JwtEncoder encoder;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    ObjectMapper objectMapper;

    @Test
    void cannotSendALimitCountOrTtlThatIsNotAJsonInteger() {
        CouponApi coupons = new CouponApi(api, encoder);
        String bookId = coupons.createBook(Map.of());
        CouponApi.Held held = heldCoupon(coupons);
        MongoCollection<Document> events = mongo.getCollection("domainevents");
        long before = events.countDocuments();
        for (String value : NOT_INTEGERS) {
            expectRefused(HttpMethod.POST, "/api/v1/coupon-books", coupons.admin,
                    "{\"name\": \"n\", \"codePattern\": \"AAAA-####\", \"totalCodes\": %s}".formatted(value), "totalCodes");
        }
        for (String value : concat(NOT_INTEGERS, TOO_BIG_FOR_INT)) {
            for (String field : List.of("maxCodesPerUser", "maxRedemptionsPerUser", "maxRedemptionsPerCode", "maxRedemptionsTotal")) {
                expectRefused(HttpMethod.POST, "/api/v1/coupon-books", coupons.admin,
                        "{\"name\": \"n\", \"%s\": %s}".formatted(field, value), field);
            }
            for (String field : List.of("maxCodesPerUser", "maxRedemptionsPerUser", "maxRedemptionsPerCode", "maxRedemptionsTotal")) {
                expectRefused(HttpMethod.PATCH, "/api/v1/coupon-books/" + bookId, coupons.admin,
                        "{\"%s\": %s}".formatted(field, value), field);
            }
            expectRefused(HttpMethod.POST, "/api/v1/coupons/" + held.code() + "/lock", held.token(),
                    "{\"ttlSeconds\": %s}".formatted(value), "ttlSeconds");
        }
        for (String value : NOT_INTEGERS) {
            expectRefused(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/generation-jobs", coupons.admin,
                    "{\"count\": %s}".formatted(value), "count");
        }
        assertThat(events.countDocuments()).as("nothing was created or changed").isEqualTo(before);
        assertThat(api.send(HttpMethod.POST, "/api/v1/coupon-books", coupons.admin, "{\"name\": \"n\", \"maxCodesPerUser\": 2}")
                .status()).as("an integer is still fine").isEqualTo(201);
    }

    @Test
    void canStillReadStoredEventsAsAxonsSerializerAlwaysDid() throws Exception {
        record Terms(Integer maxCodesPerUser) {
        }
        assertThat(objectMapper.readValue("{\"maxCodesPerUser\": \"2\"}", Terms.class).maxCodesPerUser()).isEqualTo(2);
    }

    private static List<String> concat(List<String> values, String more) {
        List<String> all = new ArrayList<>(values);
        all.add(more);
        return all;
    }

    private CouponApi.Held heldCoupon(CouponApi coupons) {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        String user = coupons.newUser();
        return new CouponApi.Held(coupons.assign(bookId, user).json().get("code").asText(), user);
    }

    private void expectRefused(HttpMethod method, String path, String token, String body, String field) {
        ApiClient.Response response = api.send(method, path, token, body);
        String context = method + " " + path + " " + body + " -> " + response.raw();
        assertThat(response.status()).as(context).isEqualTo(400);
        assertThat(response.problemCode()).as(context).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().at("/errors/0/field").asText()).as(context).isEqualTo(field);
    }
}
