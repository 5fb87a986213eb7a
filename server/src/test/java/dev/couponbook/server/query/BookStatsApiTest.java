package dev.couponbook.server.query;

import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Book statistics, derived from events only. */
class BookStatsApiTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    ReadModelStatus status;

    @Test
    void canCountCodesAssignmentsLocksAndRedemptionsOfABook() {
        CouponHistory history = new CouponHistory(eventStore);
        String book = history.id("book");
        String user = history.id("user");
        history.bookCreated(book, true, 2);
        history.codesUploaded(book, List.of(book + "-0", book + "-1", book + "-2", book + "-3"));
        history.codesUploaded(book, List.of(book + "-4", book + "-5"));
        for (int i = 0; i < 4; i++) {
            history.assigned(book + "-" + i, book, user);
        }
        history.lockedAndRedeemed(book + "-0", book, user, 1);
        history.lockedAndRedeemed(book + "-0", book, user, 2);
        history.lockedAndRedeemed(book + "-1", book, user, 1);
        history.lockExpired(book + "-2", book, user, history.locked(book + "-2", book, user, Instant.now().plusSeconds(1)));
        history.locked(book + "-3", book, user, Instant.now().plusSeconds(600));
        history.rejected(CouponAction.ASSIGN, "LIMIT_REACHED", book, null, user);

        ApiClient.Response stats = api.get("/api/v1/coupon-books/" + book + "/stats?waitMs=10000", api.token(ApiClient.ANALYST));

        assertThat(stats.status()).as(stats.raw()).isEqualTo(200);
        assertThat(stats.json().get("totalCodes").asLong()).isEqualTo(6);
        assertThat(stats.json().get("assigned").asLong()).isEqualTo(4);
        assertThat(stats.json().get("available").asLong()).isEqualTo(2);
        assertThat(stats.json().get("locked").asLong()).isEqualTo(1);
        assertThat(stats.json().get("redeemed").asLong()).isEqualTo(2);
        assertThat(stats.json().get("redemptions").asLong()).isEqualTo(3);
        assertThat(stats.json().get("lockExpiries").asLong()).isEqualTo(1);
        assertThat(stats.json().get("rejections").asLong()).isEqualTo(1);
        assertThat(stats.json().get("redemptionRate").asDouble()).isEqualTo(0.5);
        assertThat(stats.json().at("/daily/0/day").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(stats.json().at("/daily/0/assignments").asLong()).isEqualTo(4);
        assertThat(stats.json().at("/daily/0/redemptions").asLong()).isEqualTo(3);
    }

    @Test
    void cannotReadStatsOfAnUnknownBook() {
        ApiClient.Response response = api.get("/api/v1/coupon-books/no-such-book/stats", api.token(ApiClient.ADMIN));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("BOOK_NOT_FOUND");
    }

    @Test
    void cannotReadStatsAsAUser() {
        assertThat(api.get("/api/v1/coupon-books/any/stats", api.token(ApiClient.USER)).status()).isEqualTo(403);
    }
}
