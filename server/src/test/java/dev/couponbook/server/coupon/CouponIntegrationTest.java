package dev.couponbook.server.coupon;

import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.util.Map;
import java.util.UUID;

/** Base of the coupon tests: the shared service context plus {@link CouponApi}. */
abstract class CouponIntegrationTest extends IntegrationTest {

    @Autowired
    JwtEncoder encoder;

    CouponApi coupons;

    @BeforeEach
    void coupons() {
        coupons = new CouponApi(api, encoder);
    }

    /** A coupon of a fresh book, assigned to a fresh user whose id and token are known. */
    record Held(String bookId, String userId, String token, String code) {
    }

    /** Assigns the one code of a fresh book with these terms to a fresh user. */
    Held held(Map<String, Object> terms) {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), terms);
        String userId = "user-" + UUID.randomUUID();
        String token = coupons.token(userId, "USER");
        return new Held(bookId, userId, token, coupons.assign(bookId, token).json().get("code").asText());
    }

    /** Locks the held coupon for its holder, answering the lock id. */
    String lock(Held held) {
        return coupons.lock(held.code(), held.token(), null).json().get("lockId").asText();
    }
}
