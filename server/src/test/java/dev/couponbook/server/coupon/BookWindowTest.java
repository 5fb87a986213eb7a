package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariant 8 and its redemption twin: the book's window and active flag decide, checked at the request's time. */
class BookWindowTest extends CouponIntegrationTest {

    private static String daysFromNow(int days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).toString();
    }

    @Test
    void cannotAssignBeforeTheStartDate() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of("startDate", daysFromNow(1)));
        ApiClient.Response response = coupons.assign(bookId, coupons.newUser());
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isEqualTo("BOOK_NOT_STARTED");
    }

    @Test
    void canAssignFromTheStartDateOn() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of("startDate", Instant.now().toString()));
        assertThat(coupons.assign(bookId, coupons.newUser()).status()).isEqualTo(201);
    }

    @Test
    void cannotAssignAfterTheEndDate() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of("endDate", daysFromNow(-1)));
        ApiClient.Response response = coupons.assign(bookId, coupons.newUser());
        assertThat(response.status()).isEqualTo(410);
        assertThat(response.problemCode()).isEqualTo("BOOK_EXPIRED");
    }

    @Test
    void cannotAssignFromADeactivatedBook() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        api.post("/api/v1/coupon-books/" + bookId + "/deactivate", coupons.admin, null);
        ApiClient.Response response = coupons.assign(bookId, coupons.newUser());
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isEqualTo("BOOK_INACTIVE");
        api.post("/api/v1/coupon-books/" + bookId + "/activate", coupons.admin, null);
        assertThat(coupons.assign(bookId, coupons.newUser()).status()).isEqualTo(201);
    }

    @Test
    void cannotRedeemOnceTheBookHasEnded() {
        Locked locked = lockedCoupon();

        assertThat(coupons.patch(locked.bookId(), Map.of("endDate", daysFromNow(-1))).status()).isEqualTo(200);
        ApiClient.Response response = coupons.redeem(locked.code(), locked.user(), locked.lockId());

        assertThat(response.status()).isEqualTo(410);
        assertThat(response.problemCode()).isEqualTo("BOOK_EXPIRED");
    }

    @Test
    void cannotRedeemBeforeTheStartDate() {
        Locked locked = lockedCoupon();

        coupons.patch(locked.bookId(), Map.of("startDate", daysFromNow(1)));
        ApiClient.Response response = coupons.redeem(locked.code(), locked.user(), locked.lockId());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.problemCode()).isEqualTo("BOOK_NOT_STARTED");
    }

    @Test
    void cannotRedeemOrLockInADeactivatedBook() {
        Locked locked = lockedCoupon();

        api.post("/api/v1/coupon-books/" + locked.bookId() + "/deactivate", coupons.admin, null);

        assertThat(coupons.redeem(locked.code(), locked.user(), locked.lockId()).problemCode()).isEqualTo("BOOK_INACTIVE");
        coupons.unlock(locked.code(), locked.user());
        assertThat(coupons.lock(locked.code(), locked.user(), null).problemCode()).isEqualTo("BOOK_INACTIVE");
    }

    /** A coupon of a fresh open book, assigned and locked by its holder. */
    private record Locked(String bookId, String user, String code, String lockId) {
    }

    private Locked lockedCoupon() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        String user = coupons.newUser();
        String code = coupons.assign(bookId, user).json().get("code").asText();
        return new Locked(bookId, user, code, coupons.lock(code, user, null).json().get("lockId").asText());
    }
}
