package dev.couponbook.server.coupon;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Refused attempts reach the event history, so auditors see them. */
class RejectionAuditTest extends CouponIntegrationTest {

    @Autowired
    EventStore events;

    @Test
    void canFindARefusedLockInTheHistory() throws Exception {
        CouponApi.Held held = coupons.heldCoupon(Map.of());
        coupons.lock(held.code(), held.token(), null);

        coupons.lock(held.code(), coupons.admin, null);

        assertThat(rejections()).anySatisfy(rejection -> {
            assertThat(rejection.action()).isEqualTo(CouponAction.LOCK);
            assertThat(rejection.reason()).isEqualTo("COUPON_LOCKED");
            assertThat(rejection.code()).isEqualTo(held.code());
            assertThat(rejection.bookId()).isNotNull();
            assertThat(rejection.userId()).startsWith("admin-");
        });
    }

    @Test
    void canFindARefusedAssignmentInTheHistory() throws Exception {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        coupons.assign(bookId, coupons.newUser());

        coupons.assign(bookId, coupons.newUser());

        assertThat(rejections()).anySatisfy(rejection -> {
            assertThat(rejection.action()).isEqualTo(CouponAction.ASSIGN);
            assertThat(rejection.reason()).isEqualTo("NO_CODES_AVAILABLE");
            assertThat(rejection.bookId()).isEqualTo(bookId);
        });
    }

    private List<CouponActionRejected> rejections() throws Exception {
        List<CouponActionRejected> found = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(null)) {
            while (stream.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                if (stream.nextAvailable().getPayload() instanceof CouponActionRejected rejected) {
                    found.add(rejected);
                }
            }
        }
        return found;
    }
}
