package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/v1/coupons/{code}}: admins find a code's book, status and holder without knowing the book. */
class CodeLookupTest extends CouponIntegrationTest {

    @Test
    void canLookAnAvailableCodeUpByItself() {
        List<String> codes = CouponApi.freshCodes(2);
        String bookId = coupons.bookWith(codes, Map.of());

        ApiClient.Response found = api.await("/api/v1/coupons/" + codes.get(1), coupons.admin, r -> r.status() == 200);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("code").asText()).isEqualTo(codes.get(1));
        assertThat(found.json().get("bookId").asText()).isEqualTo(bookId);
        assertThat(found.json().get("status").asText()).isEqualTo("AVAILABLE");
        assertThat(found.json().has("userId")).isFalse();
    }

    @Test
    void canSeeTheHolderOfAnAssignedCode() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());

        ApiClient.Response found = api.await("/api/v1/coupons/" + held.code(), coupons.admin,
                r -> r.status() == 200 && "ASSIGNED".equals(r.json().get("status").asText()));

        assertThat(found.json().get("status").asText()).isEqualTo("ASSIGNED");
        assertThat(found.json().get("userId").asText()).startsWith("user-");
        assertThat(found.json().get("assignedAt").asText()).isNotBlank();
    }

    @Test
    void cannotFindACodeNoBookHas() {
        ApiClient.Response missing = api.get("/api/v1/coupons/NO-SUCH-CODE-42", coupons.admin);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.problemCode()).isEqualTo("COUPON_NOT_FOUND");
    }

    @Test
    void cannotLookACodeUpWithoutTheAdminRole() {
        CouponApi.Held held = coupons.heldCoupon(Map.of());

        assertThat(api.get("/api/v1/coupons/" + held.code(), held.token()).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/coupons/" + held.code(), api.token(ApiClient.ANALYST)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/coupons/" + held.code(), null).status()).isEqualTo(401);
    }
}
