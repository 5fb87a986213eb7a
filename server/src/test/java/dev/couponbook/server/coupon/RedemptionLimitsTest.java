package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.coupon.RedeemCoupon;
import dev.couponbook.server.ApiClient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, part 5: {@code maxRedemptionsPerUser} counts one user's redemptions across their
 * coupons of a book, {@code maxRedemptionsPerCode} one coupon's, and {@code maxRedemptionsTotal}
 * is never exceeded, under races too; validation agrees with redemption on each.
 */
class RedemptionLimitsTest extends CouponIntegrationTest {

    @Autowired
    CommandGateway commands;

    /** One user's coupons of one book. */
    private record Wallet(String bookId, String userId, String token, List<String> codes) {
    }

    /** A fresh user holding {@code count} codes of a fresh book with these terms. */
    private Wallet wallet(int count, Map<String, Object> terms) {
        String bookId = coupons.bookWith(CouponApi.freshCodes(count), terms);
        String userId = "user-" + UUID.randomUUID();
        String token = coupons.token(userId, "USER");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiClient.Response assigned = coupons.assign(bookId, token);
            assertThat(assigned.status()).as(assigned.raw()).isEqualTo(201);
            codes.add(assigned.json().get("code").asText());
        }
        return new Wallet(bookId, userId, token, codes);
    }

    private ApiClient.Response lockAndRedeem(String code, String token) {
        ApiClient.Response lock = coupons.lock(code, token, null);
        assertThat(lock.status()).as(lock.raw()).isEqualTo(200);
        return coupons.redeem(code, token, lock.json().get("lockId").asText());
    }

    private ApiClient.Response validate(String code, String token) {
        return api.post("/api/v1/coupons/" + code + "/validation", token, Map.of());
    }

    private static List<String> reasons(ApiClient.Response validation) {
        List<String> codes = new ArrayList<>();
        validation.json().get("reasons").forEach(reason -> codes.add(reason.get("code").asText()));
        return codes;
    }

    private ApiClient.Response reverse(String code, String redemptionId) {
        return api.post("/api/v1/coupons/" + code + "/redemptions/" + redemptionId + "/reversal", coupons.admin,
                Map.of("reason", "order cancelled"));
    }

    @Test
    void cannotRedeemMoreThanThePerUserLimitAcrossTheUsersCoupons() {
        Wallet wallet = wallet(3, Map.of("maxCodesPerUser", 3, "maxRedemptionsPerUser", 2));
        assertThat(lockAndRedeem(wallet.codes().get(0), wallet.token()).status()).isEqualTo(201);
        assertThat(validate(wallet.codes().get(2), wallet.token()).json().get("redemptionsLeft").asInt()).isEqualTo(1);
        assertThat(lockAndRedeem(wallet.codes().get(1), wallet.token()).status()).isEqualTo(201);

        ApiClient.Response verdict = validate(wallet.codes().get(2), wallet.token());
        ApiClient.Response third = lockAndRedeem(wallet.codes().get(2), wallet.token());

        assertThat(third.status()).isEqualTo(422);
        assertThat(third.problemCode()).isEqualTo("USER_REDEMPTION_LIMIT_REACHED");
        assertThat(verdict.json().get("valid").asBoolean()).isFalse();
        assertThat(reasons(verdict)).containsExactly("USER_REDEMPTION_LIMIT_REACHED");
        assertThat(verdict.json().get("redemptionsLeft").asInt()).isZero();
    }

    @Test
    void canRedeemAgainOnceAReversalGaveTheUsersRedemptionBack() {
        Wallet wallet = wallet(2, Map.of("maxCodesPerUser", 2, "maxRedemptionsPerUser", 1));
        String redemptionId = lockAndRedeem(wallet.codes().get(0), wallet.token()).json().get("redemptionId").asText();
        assertThat(lockAndRedeem(wallet.codes().get(1), wallet.token()).problemCode()).isEqualTo("USER_REDEMPTION_LIMIT_REACHED");

        assertThat(reverse(wallet.codes().get(0), redemptionId).status()).isEqualTo(200);
        assertThat(reverse(wallet.codes().get(0), redemptionId).status()).isEqualTo(200);

        assertThat(validate(wallet.codes().get(1), wallet.token()).json().get("valid").asBoolean()).isTrue();
        assertThat(lockAndRedeem(wallet.codes().get(1), wallet.token()).status()).isEqualTo(201);
        assertThat(lockAndRedeem(wallet.codes().get(0), wallet.token()).problemCode()).isEqualTo("USER_REDEMPTION_LIMIT_REACHED");
    }

    /** The coupon stored a redemption but the request died before the wallet counted it: the wallet-redemptions processor counts it. */
    @Test
    void canCountARedemptionWhoseRequestNeverReachedTheWallet() throws Exception {
        Wallet wallet = wallet(3, Map.of("maxCodesPerUser", 3, "maxRedemptionsPerUser", 2));
        String code = wallet.codes().get(0);
        String lockId = coupons.lock(code, wallet.token(), null).json().get("lockId").asText();

        commands.sendAndWait(new RedeemCoupon(code, wallet.userId(), lockId, UUID.randomUUID().toString(), Map.of()));

        Instant deadline = Instant.now().plusSeconds(20);
        while (validate(wallet.codes().get(1), wallet.token()).json().get("redemptionsLeft").asInt() != 1
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(lockAndRedeem(wallet.codes().get(1), wallet.token()).status()).isEqualTo(201);
        assertThat(lockAndRedeem(wallet.codes().get(2), wallet.token()).problemCode()).isEqualTo("USER_REDEMPTION_LIMIT_REACHED");
    }

    @Test
    void canRedeemOneCouponUpToThePerCodeLimitOnly() {
        Wallet wallet = wallet(1, Map.of("allowMultipleRedemptions", true, "maxRedemptionsPerCode", 2,
                "maxRedemptionsPerUser", 5));
        String code = wallet.codes().get(0);
        assertThat(lockAndRedeem(code, wallet.token()).status()).isEqualTo(201);
        assertThat(lockAndRedeem(code, wallet.token()).status()).isEqualTo(201);

        ApiClient.Response verdict = validate(code, wallet.token());

        assertThat(reasons(verdict)).containsExactly("REDEMPTION_LIMIT_REACHED");
        assertThat(coupons.lock(code, wallet.token(), null).problemCode()).isEqualTo("REDEMPTION_LIMIT_REACHED");
    }

    /** One user redeems all their locked coupons at once: the wallet decides one at a time, so exactly the limit succeed. */
    @Test
    void cannotPassThePerUserLimitRedeemingSeveralCouponsConcurrently() throws Exception {
        int count = 12;
        Wallet wallet = wallet(count, Map.of("maxCodesPerUser", count, "maxRedemptionsPerUser", 3));
        List<String> locks = wallet.codes().stream()
                .map(code -> coupons.lock(code, wallet.token(), null).json().get("lockId").asText()).toList();

        List<ApiClient.Response> redemptions = CouponApi.race(count,
                i -> coupons.redeem(wallet.codes().get(i), wallet.token(), locks.get(i)));

        assertThat(redemptions).filteredOn(r -> r.status() == 201).hasSize(3);
        assertThat(redemptions).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.problemCode()).as(r.raw()).isEqualTo("USER_REDEMPTION_LIMIT_REACHED"));
        String refused = wallet.codes().get(IntStream.range(0, count).filter(i -> redemptions.get(i).status() != 201)
                .findFirst().orElseThrow());
        assertThat(reasons(validate(refused, wallet.token()))).containsExactly("USER_REDEMPTION_LIMIT_REACHED");
    }

    /** 200 users redeem 200 different coupons of one book at once against a budget of 50: exactly 50 succeed. */
    @Test
    void cannotExceedTheBudgetWithTwoHundredConcurrentRedemptionsOfDifferentCoupons() throws Exception {
        int count = 200;
        int budget = 50;
        String bookId = coupons.bookWith(CouponApi.freshCodes(count), Map.of("maxRedemptionsTotal", budget));
        List<String> tokens = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        List<String> locks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = coupons.newUser();
            String code = coupons.assign(bookId, token).json().get("code").asText();
            tokens.add(token);
            codes.add(code);
            locks.add(coupons.lock(code, token, null).json().get("lockId").asText());
        }

        List<ApiClient.Response> redemptions = CouponApi.race(count, i -> coupons.redeem(codes.get(i), tokens.get(i), locks.get(i)));

        assertThat(redemptions).filteredOn(r -> r.status() == 201).hasSize(budget);
        assertThat(redemptions).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.problemCode()).as(r.raw()).isEqualTo("BUDGET_EXHAUSTED"));
        int refused = IntStream.range(0, count).filter(i -> redemptions.get(i).status() != 201).findFirst().orElseThrow();
        ApiClient.Response verdict = validate(codes.get(refused), tokens.get(refused));
        assertThat(reasons(verdict)).containsExactly("BUDGET_EXHAUSTED");
        assertThat(verdict.json().get("redemptionsLeft").asInt()).isZero();
        ApiClient.Response stats = api.await("/api/v1/coupon-books/" + bookId + "/stats", coupons.admin,
                r -> r.status() == 200 && r.json().get("redemptions").asLong() == budget);
        assertThat(stats.json().get("budgetLeft").asLong()).isZero();
    }

    /** Redeemed one after another, the codes fall on every slice; units stranded in slices are still found. */
    @Test
    void canUseTheBudgetUpExactlyWhateverSliceEachCodeFallsOn() {
        int budget = 13;
        List<CouponApi.Held> held = new ArrayList<>();
        // Coupons without a per-code limit, so redemptionsLeft shows the budget's.
        String bookId = coupons.bookWith(CouponApi.freshCodes(budget + 5),
                Map.of("maxRedemptionsTotal", budget, "allowMultipleRedemptions", true));
        for (int i = 0; i < budget + 5; i++) {
            String token = coupons.newUser();
            held.add(new CouponApi.Held(coupons.assign(bookId, token).json().get("code").asText(), token));
        }

        List<Integer> statuses = new ArrayList<>();
        List<Integer> left = new ArrayList<>();
        for (CouponApi.Held coupon : held) {
            left.add(validate(coupon.code(), coupon.token()).json().get("redemptionsLeft").asInt());
            statuses.add(lockAndRedeem(coupon.code(), coupon.token()).status());
        }

        assertThat(statuses.subList(0, budget)).containsOnly(201);
        assertThat(statuses.subList(budget, budget + 5)).containsOnly(422);
        assertThat(left.subList(0, 4)).containsExactly(13, 12, 11, 10);
        assertThat(left.get(budget)).isZero();
    }

    @Test
    void canGiveABudgetUnitBackByReversingARedemption() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(2), Map.of("maxRedemptionsTotal", 1));
        String first = coupons.newUser();
        String second = coupons.newUser();
        String firstCode = coupons.assign(bookId, first).json().get("code").asText();
        String secondCode = coupons.assign(bookId, second).json().get("code").asText();
        String redemptionId = lockAndRedeem(firstCode, first).json().get("redemptionId").asText();
        assertThat(lockAndRedeem(secondCode, second).problemCode()).isEqualTo("BUDGET_EXHAUSTED");

        assertThat(reverse(firstCode, redemptionId).status()).isEqualTo(200);
        assertThat(reverse(firstCode, redemptionId).status()).isEqualTo(200);

        assertThat(lockAndRedeem(secondCode, second).status()).isEqualTo(201);
        assertThat(lockAndRedeem(firstCode, first).problemCode()).isEqualTo("BUDGET_EXHAUSTED");
    }

    /** Units already handed to slices under the old total are taken back, so use never passes the new one. */
    @Test
    void cannotExceedALoweredBudgetWithUnitsHandedOutBeforeTheChange() {
        int count = 10;
        String bookId = coupons.bookWith(CouponApi.freshCodes(count),
                Map.of("maxRedemptionsTotal", 100, "allowMultipleRedemptions", true));
        List<CouponApi.Held> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String token = coupons.newUser();
            held.add(new CouponApi.Held(coupons.assign(bookId, token).json().get("code").asText(), token));
        }
        for (int i = 0; i < 3; i++) {
            assertThat(lockAndRedeem(held.get(i).code(), held.get(i).token()).status()).isEqualTo(201);
        }

        assertThat(coupons.patch(bookId, Map.of("maxRedemptionsTotal", 5)).status()).isEqualTo(200);

        assertThat(validate(held.get(3).code(), held.get(3).token()).json().get("redemptionsLeft").asInt()).isEqualTo(2);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 3; i < count; i++) {
            statuses.add(lockAndRedeem(held.get(i).code(), held.get(i).token()).status());
        }
        assertThat(statuses).containsExactly(201, 201, 422, 422, 422, 422, 422);
    }

    /** At each limit the validation names the refusal the redemption then answers, first of every reason. */
    @Test
    void canAgreeWithTheRedemptionAtEachLimit() {
        Wallet user = wallet(2, Map.of("maxCodesPerUser", 2, "maxRedemptionsPerUser", 1));
        assertThat(lockAndRedeem(user.codes().get(0), user.token()).status()).isEqualTo(201);
        api.post("/api/v1/coupon-books/" + user.bookId() + "/deactivate", coupons.admin, null);
        Wallet budget = wallet(2, Map.of("maxCodesPerUser", 2, "maxRedemptionsTotal", 1));
        assertThat(lockAndRedeem(budget.codes().get(0), budget.token()).status()).isEqualTo(201);
        Map<String, Wallet> cases = Map.of("user limit and inactive book", user, "budget used up", budget);

        cases.forEach((state, wallet) -> {
            String code = wallet.codes().get(1);
            ApiClient.Response verdict = validate(code, wallet.token());
            ApiClient.Response redemption = coupons.redeem(code, wallet.token(), "some-lock");
            assertThat(verdict.json().get("valid").asBoolean()).as(state).isFalse();
            assertThat(reasons(verdict).get(0)).as(state).isEqualTo(redemption.problemCode());
        });
        assertThat(reasons(validate(user.codes().get(1), user.token())))
                .containsExactly("USER_REDEMPTION_LIMIT_REACHED", "BOOK_INACTIVE");
        assertThat(reasons(validate(budget.codes().get(1), budget.token()))).containsExactly("BUDGET_EXHAUSTED");
    }

    @Test
    void canShowTheLimitsOfABook() {
        String bookId = coupons.createBook(Map.of("maxRedemptionsPerUser", 4, "maxRedemptionsPerCode", 2,
                "allowMultipleRedemptions", true, "maxRedemptionsTotal", 1000));
        assertThat(coupons.patch(bookId, Map.of("maxRedemptionsTotal", 2000)).status()).isEqualTo(200);

        JsonNode terms = api.await("/api/v1/coupon-books/" + bookId, coupons.admin,
                r -> r.status() == 200 && r.json().at("/terms/maxRedemptionsTotal").asInt() == 2000).json().get("terms");

        assertThat(terms.get("maxRedemptionsPerUser").asInt()).isEqualTo(4);
        assertThat(terms.get("maxRedemptionsPerCode").asInt()).isEqualTo(2);
        ApiClient.Response stats = api.await("/api/v1/coupon-books/" + bookId + "/stats", coupons.admin,
                r -> r.status() == 200 && r.json().path("budgetLeft").asLong() == 2000);
        assertThat(stats.json().get("budgetLeft").asLong()).isEqualTo(2000);
    }

    @Test
    void cannotSetALimitBelowOne() {
        for (String field : List.of("maxRedemptionsPerCode", "maxRedemptionsTotal", "maxRedemptionsPerUser")) {
            ApiClient.Response created = api.post("/api/v1/coupon-books", coupons.admin, Map.of("name", "Zero", field, 0));
            assertThat(created.status()).isEqualTo(400);
            assertThat(created.problemCode()).isEqualTo("VALIDATION_FAILED");
        }
        String bookId = coupons.createBook(Map.of());
        ApiClient.Response patched = coupons.patch(bookId, Map.of("maxRedemptionsTotal", -1));
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.problemCode()).isEqualTo("VALIDATION_FAILED");
    }
}
