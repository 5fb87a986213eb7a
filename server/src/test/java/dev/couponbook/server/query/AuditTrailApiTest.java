package dev.couponbook.server.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.coupon.CouponAction;
import dev.couponbook.messages.coupon.CouponActionRejected;
import dev.couponbook.query.readmodel.ReadModelStatus;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import dev.couponbook.server.security.UserAccounts;
import dev.couponbook.server.web.CorrelationIdFilter;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Auditors read the recorded history itself, and every event says who caused it. */
class AuditTrailApiTest extends IntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    EventGateway eventGateway;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ReadModelStatus status;
    @Autowired
    MongoTemplate axonMongoTemplate;

    @Test
    void canReadTheHistoryOfACouponAndSeeWhoDidWhat() {
        CouponHistory history = new CouponHistory(eventStore);
        String book = history.id("book");
        String code = history.id("CODE");
        // a redemption in a book no event created is parked by the wallet's processor, in the context the next tests share
        history.bookCreated(book, false, null);
        history.issuedBy("admin-account", "assign-request").assigned(code, book, "holder-account");
        history.issuedBy("holder-account", "checkout-request").lockedAndRedeemed(code, book, "holder-account", 1);

        ApiClient.Response page = api.get("/api/v1/audit/events?aggregateId=coupon:" + code, api.token(ApiClient.AUDITOR));

        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.json().get("events").forEach(events::add);
        assertThat(events).extracting(event -> event.get("sequence").asLong()).containsExactly(0L, 1L, 2L);
        assertThat(events).extracting(event -> event.get("type").asText()).containsExactly(
                "dev.couponbook.messages.coupon.CouponAssigned", "dev.couponbook.messages.coupon.CouponLocked",
                "dev.couponbook.messages.coupon.CouponRedeemed");
        assertThat(events).extracting(event -> event.at("/metadata/userId").asText())
                .containsExactly("admin-account", "holder-account", "holder-account");
        assertThat(events).extracting(event -> event.at("/metadata/correlationId").asText())
                .containsExactly("assign-request", "checkout-request", "checkout-request");
        assertThat(events.get(0).at("/payload/userId").asText()).isEqualTo("holder-account");
        assertThat(events.get(0).get("aggregateId").asText()).isEqualTo("coupon:" + code);
        assertThat(events.get(0).get("revision").asText()).isEqualTo("2");
        assertThat(events.get(2).at("/payload/redemptionNumber").asInt()).isEqualTo(1);
        assertThat(page.json().has("next")).isFalse();
    }

    @Test
    void canSeeWhoCreatedABookThroughTheApiAndWhichRequestItWas() {
        String adminId = accounts.authenticate(ApiClient.ADMIN, ApiClient.PASSWORD).orElseThrow().id();
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Correlation-Id", "audit-request-1");
        headers.set(HttpHeaders.USER_AGENT, "audit-client/2.0");

        ApiClient.Response created = api.send(HttpMethod.POST, "/api/v1/coupon-books", api.token(ApiClient.ADMIN),
                Map.of("name", "Audited"), MediaType.APPLICATION_JSON, headers);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getFirst("X-Correlation-Id")).isEqualTo("audit-request-1");

        ApiClient.Response history = api.get("/api/v1/audit/events?aggregateId=book:" + created.json().get("bookId").asText(),
                api.token(ApiClient.AUDITOR));
        JsonNode metadata = history.json().at("/events/0/metadata");
        assertThat(metadata.get("userId").asText()).isEqualTo(adminId);
        assertThat(metadata.get("roles").asText()).isEqualTo("ADMIN");
        assertThat(metadata.get("client").asText()).isEqualTo("audit-client/2.0");
        assertThat(metadata.get("correlationId").asText()).isEqualTo("audit-request-1");
        assertThat(metadata.get("causationId").asText()).isNotBlank().isNotEqualTo("audit-request-1");
        assertThat(history.raw()).doesNotContain("admin@admin.com");
    }

    @Test
    void canSeeWhoWasRefusedAlthoughRefusalsHaveNoAggregate() {
        String code = "REFUSED-" + System.nanoTime();
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader(HttpHeaders.USER_AGENT, "shop-app/3.1");
        request.setAttribute(CorrelationIdFilter.ATTRIBUTE, "refused-request");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("user-42", null, "ROLE_USER"));
        try {
            eventGateway.publish(new CouponActionRejected(CouponAction.REDEEM, "NO_LOCK", "some-book", code, "user-42"));
        } finally {
            RequestContextHolder.resetRequestAttributes();
            SecurityContextHolder.clearContext();
        }

        ApiClient.Response log = api.get("/api/v1/transactions?code=" + code + "&waitMs=10000", api.token(ApiClient.AUDITOR));

        assertThat(log.json().at("/items/0/status").asText()).isEqualTo("REJECTED");
        assertThat(log.json().at("/items/0/reason").asText()).isEqualTo("NO_LOCK");
        assertThat(log.json().at("/items/0/issuedBy").asText()).isEqualTo("user-42");
        assertThat(log.json().at("/items/0/client").asText()).isEqualTo("shop-app/3.1");
        assertThat(log.json().at("/items/0/correlationId").asText()).isEqualTo("refused-request");
    }

    @Test
    void canExportEveryStoredEventPageByPage() {
        CouponHistory history = new CouponHistory(eventStore);
        String book = history.id("export");
        history.bookCreated(book, false, null);
        for (int i = 0; i < 5; i++) {
            history.assigned(book + "-" + i, book, "someone");
        }
        String auditor = api.token(ApiClient.AUDITOR);
        List<String> exported = new ArrayList<>();
        String after = null;
        do {
            ApiClient.Response page = api.get("/api/v1/audit/events?limit=7" + (after == null ? "" : "&after=" + after), auditor);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("events").forEach(event -> exported.add(event.get("eventId").asText()));
            after = page.json().path("next").asText(null);
        } while (after != null);

        Set<String> distinct = new HashSet<>(exported);
        assertThat(distinct).hasSize(exported.size());
        assertThat((long) exported.size()).isEqualTo(axonMongoTemplate.eventCollection().countDocuments());
    }

    @Test
    void cannotReadTheAuditTrailAsAnAnalystOrUser() {
        assertThat(api.get("/api/v1/audit/events", api.token(ApiClient.ANALYST)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/events", api.token(ApiClient.USER)).status()).isEqualTo(403);
    }
}
