package dev.couponbook.query.readmodel;

import dev.couponbook.messages.coupon.CouponStatus;
import dev.couponbook.messages.couponbook.CodeStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CouponStandingTest {

    @Test
    void canTellAnUnheldCodeAvailableWhateverElseIsRecorded() {
        assertThat(new CouponStanding(false, false, 0).codeStatus()).isEqualTo(CodeStatus.AVAILABLE);
        assertThat(new CouponStanding(false, true, 2).codeStatus()).isEqualTo(CodeStatus.AVAILABLE);
    }

    @Test
    void canTellALockBeforeRedemptions() {
        assertThat(CouponStanding.held(true, 0).codeStatus()).isEqualTo(CodeStatus.LOCKED);
        assertThat(CouponStanding.held(true, 3).codeStatus()).isEqualTo(CodeStatus.LOCKED);
        assertThat(CouponStanding.held(true, 3).couponStatus(3)).isEqualTo(CouponStatus.LOCKED);
    }

    @Test
    void canTellAHeldCodeRedeemedOnlyWhileARedemptionIsInEffect() {
        assertThat(CouponStanding.held(false, 0).codeStatus()).isEqualTo(CodeStatus.ASSIGNED);
        assertThat(CouponStanding.held(false, 1).codeStatus()).isEqualTo(CodeStatus.REDEEMED);
        assertThat(CouponStanding.held(false, 0).couponStatus(1)).isEqualTo(CouponStatus.ASSIGNED);
    }

    @Test
    void canTellACouponExhaustedWhenItsRedemptionsReachTheBooksAllowance() {
        assertThat(CouponStanding.held(false, 1).couponStatus(1)).isEqualTo(CouponStatus.EXHAUSTED);
        assertThat(CouponStanding.held(false, 1).couponStatus(3)).isEqualTo(CouponStatus.REDEEMED);
        assertThat(CouponStanding.held(false, 3).couponStatus(2)).isEqualTo(CouponStatus.EXHAUSTED);
    }

    @Test
    void cannotGiveACouponStatusToACodeNobodyHolds() {
        assertThatThrownBy(() -> new CouponStanding(false, false, 0).couponStatus(1))
                .isInstanceOf(IllegalStateException.class);
    }
}
