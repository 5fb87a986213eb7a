package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.coupon.CodeDisabled;
import dev.couponbook.messages.coupon.CodeEnabled;
import dev.couponbook.messages.coupon.CouponAssigned;
import dev.couponbook.command.pool.CodePool;
import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 15, part 6 (and the codes' metadata of part 7): codes with their own expiry and metadata, expiry after assignment, disabled codes. */
class CodeValidityTest extends CouponIntegrationTest {

    private static final Instant NEXT_YEAR = Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Autowired
    CodePool pool;

    /** A fresh service rebuilds the pools from the history first; until then an empty pool answers POOL_REBUILDING. */
    @BeforeEach
    void poolsFollowTheHistory() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (pool.rebuilding() && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(100));
        }
    }

    private ApiClient.Response upload(String bookId, String body, MediaType type) {
        return api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes", coupons.admin, body, type, HttpHeaders.EMPTY);
    }

    private ApiClient.Response disable(String code) {
        return api.post("/api/v1/coupons/" + code + "/disable", coupons.admin, null);
    }

    private ApiClient.Response enable(String code) {
        return api.post("/api/v1/coupons/" + code + "/enable", coupons.admin, null);
    }

    private ApiClient.Response validate(String code, String token, String lockId) {
        return api.post("/api/v1/coupons/" + code + "/validation", token, lockId == null ? Map.of() : Map.of("lockId", lockId));
    }

    private static List<String> reasons(ApiClient.Response validation) {
        List<String> codes = new ArrayList<>();
        validation.json().get("reasons").forEach(reason -> codes.add(reason.get("code").asText()));
        return codes;
    }

    /** Assigns until it works: a code enabled again returns to the pool once its event is projected. */
    private ApiClient.Response assignEventually(String bookId, String token) {
        Instant deadline = Instant.now().plusSeconds(20);
        ApiClient.Response response = coupons.assign(bookId, token);
        while (response.status() != 201 && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(100));
            response = coupons.assign(bookId, token);
        }
        return response;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void canUploadCodeObjectsAndAnExpiryColumnShowingExpiryAndMetadataInViewsAndExports() {
        String bookId = coupons.createBook(Map.of());
        List<String> codes = CouponApi.freshCodes(6);
        ApiClient.Response json = upload(bookId, """
                ["%s", {"code": "%s", "expiresAt": "%s", "metadata": {"tier": "gold", "campaign": "x, y"}},
                 {"code": "%s", "expiresAt": "soon"}, {"code": "%s", "expiresAt": "2001-01-01T00:00:00Z"}]"""
                .formatted(codes.get(0), codes.get(1), NEXT_YEAR, codes.get(2), codes.get(3)), MediaType.APPLICATION_JSON);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(json.json().get("errors")).extracting(error -> error.get("reason").asText())
                .containsExactly("INVALID_EXPIRY", "INVALID_EXPIRY");

        ApiClient.Response csv = upload(bookId, "code,expiresAt\n%s,%s\n%s\n".formatted(codes.get(4), NEXT_YEAR, codes.get(5)),
                MediaType.valueOf("text/csv"));
        assertThat(csv.json().get("accepted").asLong()).isEqualTo(2);

        ApiClient.Response withDetails = api.await("/api/v1/coupons/" + codes.get(1), coupons.admin, r -> r.status() == 200);
        assertThat(withDetails.json().get("expiresAt").asText()).isEqualTo(NEXT_YEAR.toString());
        assertThat(withDetails.json().at("/metadata/tier").asText()).isEqualTo("gold");
        assertThat(withDetails.json().get("disabled").asBoolean()).isFalse();
        ApiClient.Response fromCsv = api.await("/api/v1/coupons/" + codes.get(4), coupons.admin, r -> r.status() == 200);
        assertThat(fromCsv.json().get("expiresAt").asText()).isEqualTo(NEXT_YEAR.toString());
        ApiClient.Response plain = api.await("/api/v1/coupons/" + codes.get(0), coupons.admin, r -> r.status() == 200);
        assertThat(plain.json().has("expiresAt")).isFalse();

        ApiClient.Response page = api.get("/api/v1/coupon-books/" + bookId + "/codes", coupons.admin);
        assertThat(page.json().get("items")).anySatisfy(item -> {
            assertThat(item.get("code").asText()).isEqualTo(codes.get(1));
            assertThat(item.at("/metadata/campaign").asText()).isEqualTo("x, y");
        });
        HttpHeaders acceptCsv = new HttpHeaders();
        acceptCsv.setAccept(List.of(MediaType.valueOf("text/csv")));
        String export = api.send(HttpMethod.GET, "/api/v1/coupon-books/" + bookId + "/codes", coupons.admin, null,
                MediaType.APPLICATION_JSON, acceptCsv).raw();
        assertThat(export).startsWith("code,status,userId,assignedAt,lockedUntil,redemptions,expiresAt,disabled,metadata\r\n");
        assertThat(export).contains(codes.get(1) + ",AVAILABLE,,,,0," + NEXT_YEAR + ",false,\"{\"\"campaign\"\":\"\"x, y\"\",\"\"tier\"\":\"\"gold\"\"}\"\r\n");
        assertThat(export).contains(codes.get(0) + ",AVAILABLE,,,,0,,false,\r\n");
    }

    @Test
    void cannotUploadMetadataOver4KB() {
        String bookId = coupons.createBook(Map.of());
        String code = CouponApi.freshCodes(1).get(0);
        ApiClient.Response response = upload(bookId, "[{\"code\": \"%s\", \"metadata\": {\"note\": \"%s\"}}]"
                .formatted(code, "x".repeat(4_100)), MediaType.APPLICATION_JSON);
        assertThat(response.json().get("accepted").asLong()).isZero();
        assertThat(response.json().at("/errors/0/reason").asText()).isEqualTo("INVALID_METADATA");
    }

    @Test
    void canDisableAndEnableACodeAsAnAdminOnly() {
        String code = CouponApi.freshCodes(1).get(0);
        coupons.bookWith(List.of(code), Map.of());

        assertThat(api.post("/api/v1/coupons/" + code + "/disable", coupons.newUser(), null).status()).isEqualTo(403);
        ApiClient.Response disabled = disable(code);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(disable(code).status()).isEqualTo(200);
        assertThat(api.await("/api/v1/coupons/" + code, coupons.admin, r -> r.json().path("disabled").asBoolean())
                .json().get("disabled").asBoolean()).isTrue();

        assertThat(enable(code).json().get("disabled").asBoolean()).isFalse();
        assertThat(enable(code).status()).isEqualTo(200);
        assertThat(api.await("/api/v1/coupons/" + code, coupons.admin, r -> !r.json().path("disabled").asBoolean())
                .json().get("disabled").asBoolean()).isFalse();

        ApiClient.Response unknown = disable("NOSUCH-" + UUID.randomUUID().toString().substring(0, 8));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problemCode()).isEqualTo("COUPON_NOT_FOUND");
        assertThat(enable("NOSUCH-CODE").problemCode()).isEqualTo("COUPON_NOT_FOUND");
    }

    @Test
    void canSkipADisabledCodeAtAssignmentAndHandItOutOnceEnabled() {
        List<String> codes = CouponApi.freshCodes(2);
        String bookId = coupons.bookWith(codes, Map.of());
        String disabledCode = codes.get(0);
        disable(disabledCode);

        ApiClient.Response first = coupons.assign(bookId, coupons.newUser());
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("code").asText()).isEqualTo(codes.get(1));
        assertThat(coupons.assign(bookId, coupons.newUser()).problemCode()).isEqualTo("NO_CODES_AVAILABLE");
        ApiClient.Response named = api.post("/api/v1/coupons/" + disabledCode + "/assignment", coupons.admin, Map.of("userId", "u-1"));
        assertThat(named.status()).isEqualTo(409);
        assertThat(named.problemCode()).isEqualTo("COUPON_DISABLED");

        enable(disabledCode);
        ApiClient.Response later = assignEventually(bookId, coupons.newUser());
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.json().get("code").asText()).isEqualTo(disabledCode);
    }

    @Test
    void cannotLockRedeemOrValidateADisabledCouponUntilItIsEnabled() {
        Held held = held(Map.of());
        String lockId = lock(held);
        disable(held.code());

        ApiClient.Response redemption = coupons.redeem(held.code(), held.token(), lockId);
        assertThat(redemption.status()).isEqualTo(409);
        assertThat(redemption.problemCode()).isEqualTo("COUPON_DISABLED");
        ApiClient.Response locking = coupons.lock(held.code(), held.token(), null);
        assertThat(locking.problemCode()).isEqualTo("COUPON_DISABLED");
        ApiClient.Response validation = validate(held.code(), held.token(), lockId);
        assertThat(validation.json().get("valid").asBoolean()).isFalse();
        assertThat(reasons(validation)).containsExactly("COUPON_DISABLED");
        assertThat(api.await("/api/v1/users/" + held.userId() + "/coupons", held.token(),
                r -> r.json().at("/items/0/disabled").asBoolean()).json().at("/items/0/disabled").asBoolean()).isTrue();

        enable(held.code());
        assertThat(reasons(validate(held.code(), held.token(), lockId))).isEmpty();
        assertThat(coupons.redeem(held.code(), held.token(), lockId).status()).isEqualTo(201);
    }

    @Test
    void cannotUseACouponOnceTheBooksValidityAfterAssignmentHasPassed() {
        Held held = held(Map.of("codeValidityAfterAssignment", "PT3S"));
        ApiClient.Response coupon = api.await("/api/v1/users/" + held.userId() + "/coupons", held.token(),
                r -> r.json().at("/items/0/expiresAt").isTextual());
        Instant assignedAt = Instant.parse(coupon.json().at("/items/0/assignedAt").asText());
        Instant expiresAt = Instant.parse(coupon.json().at("/items/0/expiresAt").asText());
        assertThat(Duration.between(assignedAt, expiresAt)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
        String lockId = lock(held);

        sleep(Duration.between(Instant.now(), expiresAt).plusMillis(200));

        ApiClient.Response redemption = coupons.redeem(held.code(), held.token(), lockId);
        assertThat(redemption.status()).isEqualTo(410);
        assertThat(redemption.problemCode()).isEqualTo("COUPON_EXPIRED");
        assertThat(coupons.lock(held.code(), held.token(), null).problemCode()).isEqualTo("COUPON_EXPIRED");
        ApiClient.Response validation = validate(held.code(), held.token(), null);
        assertThat(reasons(validation)).containsExactly("COUPON_EXPIRED");
        assertThat(validation.json().get("expiresAt").asText()).isEqualTo(expiresAt.toString());
    }

    @Test
    void canSkipACodePastItsOwnExpiryAtAssignment() {
        String bookId = coupons.createBook(Map.of());
        List<String> codes = CouponApi.freshCodes(2);
        Instant soon = Instant.now().plusSeconds(2);
        upload(bookId, "%s,%s\n%s,%s\n".formatted(codes.get(0), soon, codes.get(1), NEXT_YEAR), MediaType.valueOf("text/csv"));

        sleep(Duration.between(Instant.now(), soon).plusMillis(200));

        ApiClient.Response first = coupons.assign(bookId, coupons.newUser());
        assertThat(first.json().get("code").asText()).isEqualTo(codes.get(1));
        assertThat(api.await("/api/v1/coupons/" + codes.get(1), coupons.admin, r -> r.json().path("userId").isTextual())
                .json().get("expiresAt").asText()).isEqualTo(NEXT_YEAR.toString());
        assertThat(coupons.assign(bookId, coupons.newUser()).problemCode()).isEqualTo("NO_CODES_AVAILABLE");
    }

    @Test
    void cannotSetAValidityAfterAssignmentThatIsNoPositiveDurationOfDaysOrLess() {
        for (String validity : List.of("P1M", "PT0S", "-PT1H", "P4000D", "a while")) {
            ApiClient.Response response = api.post("/api/v1/coupon-books", coupons.admin,
                    Map.of("name", "Odd", "codeValidityAfterAssignment", validity));
            assertThat(response.status()).as(validity).isEqualTo(400);
            assertThat(response.problemCode()).as(validity).isEqualTo("INVALID_CODE_VALIDITY");
        }
        String bookId = coupons.createBook(Map.of("codeValidityAfterAssignment", "P30D"));
        assertThat(coupons.patch(bookId, Map.of("codeValidityAfterAssignment", "PT12H")).json()
                .at("/terms/codeValidityAfterAssignment").asText()).isEqualTo("PT12H");
    }

    @Test
    void canGenerateCodesThatAllExpireWhenTheJobSays() {
        String bookId = coupons.createBook(Map.of());
        ApiClient.Response job = api.post("/api/v1/coupon-books/" + bookId + "/generation-jobs", coupons.admin,
                Map.of("count", 5, "expiresAt", NEXT_YEAR.toString()));
        assertThat(job.status()).isEqualTo(202);

        ApiClient.Response page = api.await("/api/v1/coupon-books/" + bookId + "/codes?size=10", coupons.admin,
                r -> r.status() == 200 && r.json().get("items").size() == 5);
        assertThat(page.json().get("items")).hasSize(5)
                .allSatisfy(item -> assertThat(item.get("expiresAt").asText()).isEqualTo(NEXT_YEAR.toString()));
        String code = assignEventually(bookId, coupons.newUser()).json().get("code").asText();
        assertThat(api.await("/api/v1/coupons/" + code, coupons.admin, r -> r.json().path("userId").isTextual())
                .json().get("expiresAt").asText()).isEqualTo(NEXT_YEAR.toString());
    }

    @Test
    void cannotStartAGenerationJobWhoseCodesHaveExpiredAlready() {
        String bookId = coupons.createBook(Map.of());
        ApiClient.Response response = api.post("/api/v1/coupon-books/" + bookId + "/generation-jobs", coupons.admin,
                Map.of("count", 10, "expiresAt", "2001-01-01T00:00:00Z"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("INVALID_EXPIRY");
    }

    /**
     * Disables half of a book's codes while as many users race to be assigned one: whatever the
     * interleaving, no code is assigned after it was disabled, which each code's history shows.
     */
    @Test
    void cannotHandOutADisabledCodeWhileAssignmentsRaceTheDisabling() throws Exception {
        List<String> codes = CouponApi.freshCodes(40);
        String bookId = coupons.bookWith(codes, Map.of());
        List<String> disabled = codes.subList(0, 20);
        List<String> users = IntStream.range(0, 40).mapToObj(i -> coupons.newUser()).toList();

        List<ApiClient.Response> responses = CouponApi.race(60, i -> i < 20 ? disable(disabled.get(i)) : coupons.assign(bookId, users.get(i - 20)));

        assertThat(responses.subList(0, 20)).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        Set<String> handedOut = new HashSet<>();
        responses.subList(20, 60).stream().filter(r -> r.status() == 201).forEach(r -> handedOut.add(r.json().get("code").asText()));
        assertThat(responses.subList(20, 60)).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        assertThat(handedOut).containsAll(codes.subList(20, 40));
        for (String code : disabled) {
            JsonNode history = api.get("/api/v1/audit/events?aggregateId=coupon:" + code, coupons.admin).json().get("events");
            List<String> types = new ArrayList<>();
            history.forEach(event -> types.add(event.get("type").asText()));
            assertThat(types).as(code).contains(CodeDisabled.class.getName()).doesNotContain(CodeEnabled.class.getName());
            int assigned = types.indexOf(CouponAssigned.class.getName());
            assertThat(assigned).as(code).isLessThan(types.indexOf(CodeDisabled.class.getName()));
            assertThat(handedOut.contains(code)).as(code).isEqualTo(assigned >= 0);
        }
        ApiClient.Response report = api.get("/api/v1/admin/consistency?waitMs=20000&bookId=" + bookId, coupons.admin);
        assertThat(report.json().get("consistent").asBoolean()).as(report.raw()).isTrue();
    }
}
