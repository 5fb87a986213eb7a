package dev.couponbook.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The transaction log: every accepted and refused action, filtered and paged newest first. */
class TransactionLogApiTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    ReadModelStatus status;

    private CouponHistory history;
    private String book;
    private String user;
    private Instant start;

    @BeforeEach
    void givenAFewCheckouts() {
        start = Instant.now();
        history = new CouponHistory(eventStore).issuedBy("checkout-account", "order-4711");
        book = history.id("book");
        user = history.id("user");
        history.bookCreated(book, false, null);
        for (int i = 0; i < 5; i++) {
            history.assigned(book + "-" + i, book, user);
        }
        history.lockedAndRedeemed(book + "-0", book, user, 1);
        history.unlocked(book + "-1", book, user, history.locked(book + "-1", book, user, Instant.now().plusSeconds(60)));
        history.lockExpired(book + "-2", book, user, history.locked(book + "-2", book, user, Instant.now().plusSeconds(1)));
        history.rejected(CouponAction.REDEEM, "ALREADY_REDEEMED", book, book + "-0", user);
        history.rejected(CouponAction.LOCK, "NOT_HOLDER", book, book + "-3", history.id("intruder"));
        ReadModels.awaitAll(status);
    }

    @Test
    void canListEveryActionOfABookNewestFirstWithWhoCausedIt() {
        ApiClient.Response page = api.get("/api/v1/transactions?couponBookId=" + book + "&size=50", api.token(ApiClient.AUDITOR));

        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> items = items(page);
        assertThat(items).hasSize(13);
        assertThat(items).extracting(item -> item.get("action").asText())
                .containsOnly("ASSIGN", "LOCK", "UNLOCK", "LOCK_EXPIRY", "REDEEM");
        assertThat(items.get(0).get("status").asText()).isEqualTo("REJECTED");
        assertThat(items.get(0).get("reason").asText()).isEqualTo("NOT_HOLDER");
        assertThat(items.get(0).get("issuedBy").asText()).isEqualTo("checkout-account");
        assertThat(items.get(0).get("correlationId").asText()).isEqualTo("order-4711");
        assertThat(items.get(0).get("client").asText()).isEqualTo("checkout-test/1.0");
        for (int i = 1; i < items.size(); i++) {
            assertThat(Instant.parse(items.get(i - 1).get("at").asText())).isAfterOrEqualTo(Instant.parse(items.get(i).get("at").asText()));
        }
    }

    @Test
    void canFilterByUserCodeActionStatusAndTime() {
        String analyst = api.token(ApiClient.ANALYST);

        assertThat(items(api.get("/api/v1/transactions?userId=" + user + "&action=REDEEM&status=SUCCEEDED", analyst)))
                .extracting(item -> item.get("code").asText()).containsExactly(book + "-0");
        assertThat(items(api.get("/api/v1/transactions?code=" + book + "-0", analyst)))
                .extracting(item -> item.get("action").asText() + "/" + item.get("status").asText())
                .containsExactly("REDEEM/REJECTED", "REDEEM/SUCCEEDED", "LOCK/SUCCEEDED", "ASSIGN/SUCCEEDED");
        assertThat(items(api.get("/api/v1/transactions?couponBookId=" + book + "&status=REJECTED", analyst)))
                .extracting(item -> item.get("reason").asText()).containsExactly("NOT_HOLDER", "ALREADY_REDEEMED");
        assertThat(items(api.get("/api/v1/transactions?couponBookId=" + book + "&action=LOCK&status=SUCCEEDED", analyst)))
                .hasSize(3);
        assertThat(items(api.get("/api/v1/transactions?couponBookId=" + book + "&action=ASSIGN&status=SUCCEEDED&from=" + start, analyst)))
                .hasSize(5);
        assertThat(items(api.get("/api/v1/transactions?couponBookId=" + book + "&to=" + start, analyst))).isEmpty();
    }

    @Test
    void canPageThroughTheLogWithoutRepeatsOrGaps() {
        String admin = api.token(ApiClient.ADMIN);
        List<String> all = items(api.get("/api/v1/transactions?couponBookId=" + book + "&size=50", admin)).stream()
                .map(item -> item.get("transactionId").asText()).toList();
        List<String> paged = new ArrayList<>();
        ApiClient.Response page;
        int number = 0;
        do {
            page = api.get("/api/v1/transactions?couponBookId=" + book + "&size=3&page=" + number++, admin);
            items(page).forEach(item -> paged.add(item.get("transactionId").asText()));
        } while (page.json().get("hasNext").asBoolean());

        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void cannotReadTheLogAsAUser() {
        ApiClient.Response response = api.get("/api/v1/transactions", api.token(ApiClient.USER));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemCode()).isEqualTo("FORBIDDEN");
    }

    private static List<JsonNode> items(ApiClient.Response page) {
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }
}
