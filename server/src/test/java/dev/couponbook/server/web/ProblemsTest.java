package dev.couponbook.server.web;

import dev.couponbook.messages.error.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The one mapping from the refusal catalogue to HTTP: every refusal is answered as an error. */
class ProblemsTest {

    @Test
    void canAnswerEveryRefusalWithAnErrorStatus() {
        for (Refusal refusal : Refusal.values()) {
            assertThat(Problems.status(refusal).isError()).as(refusal.code()).isTrue();
        }
    }

    /** Clients retry a 503 as it is; the audit trail leaves out the refusals that decide nothing. */
    @Test
    void canAnswerExactlyTheOutagesAsUnavailable() {
        for (Refusal refusal : Refusal.values()) {
            assertThat(Problems.status(refusal) == HttpStatus.SERVICE_UNAVAILABLE).as(refusal.code())
                    .isEqualTo(refusal.outage());
        }
    }

    @Test
    void canDescribeARefusalByItsStableCode() {
        ProblemDetail problem = Problems.of(Refusal.BOOK_EXPIRED, "the coupon book ended at 2026-01-01T00:00:00Z");
        assertThat(problem.getStatus()).isEqualTo(410);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:coupon-book:problem:book_expired"));
        assertThat(problem.getProperties()).containsEntry(Problems.CODE, "BOOK_EXPIRED");
        assertThat(problem.getDetail()).isEqualTo("the coupon book ended at 2026-01-01T00:00:00Z");
        assertThat(Problems.of(Refusal.COUPON_LOCKED).getDetail()).isEqualTo(Refusal.COUPON_LOCKED.detail());
    }
}
