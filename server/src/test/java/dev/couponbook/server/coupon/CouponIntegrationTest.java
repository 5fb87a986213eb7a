package dev.couponbook.server.coupon;

import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/** Base of the coupon tests: the shared service context plus {@link CouponApi}. */
abstract class CouponIntegrationTest extends IntegrationTest {

    @Autowired
    JwtEncoder encoder;

    CouponApi coupons;

    @BeforeEach
    void coupons() {
        coupons = new CouponApi(api, encoder);
    }
}
