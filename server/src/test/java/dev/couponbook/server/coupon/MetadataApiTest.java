package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A book's metadata through the HTTP API: set on create, replaced on update, shown in every book
 * view and in the audit trail; bad metadata is refused with a problem and changes nothing; the
 * transaction log is filtered by one pair of a redemption's metadata.
 */
class MetadataApiTest extends CouponIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void canCreateAndChangeABooksMetadataAndReadItInEveryView() {
        String name = "Metadata " + UUID.randomUUID();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("campaign", "summer-26");
        metadata.put("costCentre", "4711");
        metadata.put("note", "line one\nline two");
        ApiClient.Response created = api.post("/api/v1/coupon-books", coupons.admin, Map.of("name", name, "metadata", metadata));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("metadata")).isEqualTo(json(metadata));
        String bookId = created.json().get("bookId").asText();

        ApiClient.Response read = api.await("/api/v1/coupon-books/" + bookId, coupons.admin, r -> r.status() == 200);
        assertThat(read.json().get("metadata")).isEqualTo(json(metadata));
        ApiClient.Response list = api.get("/api/v1/coupon-books?size=200", coupons.token("analyst", "ANALYST"));
        assertThat(bookIn(list, bookId).get("metadata")).isEqualTo(json(metadata));

        ApiClient.Response replaced = coupons.patch(bookId, Map.of("metadata", Map.of("campaign", "autumn-26")));
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        assertThat(replaced.json().get("metadata")).isEqualTo(json(Map.of("campaign", "autumn-26")));
        ApiClient.Response renamed = coupons.patch(bookId, Map.of("name", name + " renamed"));
        assertThat(renamed.json().get("metadata")).as("an update without metadata keeps it")
                .isEqualTo(json(Map.of("campaign", "autumn-26")));

        ApiClient.Response after = api.await("/api/v1/coupon-books/" + bookId, coupons.admin,
                r -> r.status() == 200 && r.json().at("/terms/name").asText().endsWith("renamed"));
        assertThat(after.json().get("metadata")).isEqualTo(json(Map.of("campaign", "autumn-26")));

        List<JsonNode> events = auditedEvents(bookId);
        assertThat(events).extracting(event -> event.get("type").asText()).containsExactly(
                "dev.couponbook.messages.couponbook.CouponBookCreated", "dev.couponbook.messages.couponbook.CouponBookUpdated",
                "dev.couponbook.messages.couponbook.CouponBookUpdated");
        assertThat(events).extracting(event -> event.get("revision").asText()).containsOnly("4");
        assertThat(events.get(0).at("/payload/metadata")).isEqualTo(json(metadata));
        assertThat(events.get(1).at("/payload/metadata")).isEqualTo(json(Map.of("campaign", "autumn-26")));
        assertThat(events.get(2).at("/payload/metadata")).isEqualTo(json(Map.of("campaign", "autumn-26")));
    }

    @Test
    void canClearABooksMetadata() {
        String bookId = coupons.createBook(Map.of("metadata", Map.of("campaign", "summer-26")));

        ApiClient.Response cleared = coupons.patch(bookId, Map.of("metadata", Map.of()));

        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("metadata").isEmpty()).isTrue();
        assertThat(api.await("/api/v1/coupon-books/" + bookId, coupons.admin,
                r -> r.status() == 200 && r.json().get("metadata").isEmpty()).json().get("metadata").isObject()).isTrue();
    }

    /** Values are strings; a JSON number or boolean is taken as its text, as redemption metadata takes it. */
    @Test
    void canSendANumberOrABooleanAsItsText() {
        ApiClient.Response created = api.post("/api/v1/coupon-books", coupons.admin,
                Map.of("name", "Scalars", "metadata", Map.of("priority", 3, "internal", true)));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("metadata")).isEqualTo(json(Map.of("priority", "3", "internal", "true")));
    }

    @Test
    void cannotCreateABookWithBadMetadata() {
        String name = "Refused " + UUID.randomUUID();
        Map<String, String> tooLarge = new LinkedHashMap<>();
        for (int i = 0; i < 9; i++) {
            tooLarge.put("k" + i, "x".repeat(500));
        }
        Map<Map<String, ?>, String> refusals = Map.of(
                tooLarge, "METADATA_TOO_LARGE",
                Map.of("a.b", "dotted key"), "INVALID_METADATA",
                Map.of("$where", "operator key"), "INVALID_METADATA",
                Map.of("note", "x".repeat(513)), "INVALID_METADATA",
                Map.of("nested", Map.of("not", "flat")), "VALIDATION_FAILED",
                Map.of("list", List.of("a", "b")), "VALIDATION_FAILED",
                nullValue(), "INVALID_METADATA");

        refusals.forEach((metadata, code) -> {
            ApiClient.Response refused = api.post("/api/v1/coupon-books", coupons.admin, Map.of("name", name, "metadata", metadata));
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemCode()).isEqualTo(code);
        });

        String marker = coupons.createBook(Map.of("name", name + " marker"));
        ApiClient.Response list = api.await("/api/v1/coupon-books?size=200", coupons.admin,
                r -> r.status() == 200 && r.json().get("items").findValuesAsText("bookId").contains(marker));
        assertThat(list.json().get("items").findValuesAsText("name")).as("no refused book was created")
                .doesNotContain(name);
    }

    @Test
    void cannotChangeABookWithBadMetadataAndChangesNothing() {
        String bookId = coupons.createBook(Map.of("metadata", Map.of("campaign", "summer-26")));

        ApiClient.Response refused = coupons.patch(bookId, Map.of("name", "Never applied", "metadata", Map.of("k", "x".repeat(600))));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemCode()).isEqualTo("INVALID_METADATA");
        assertThat(auditedEvents(bookId)).hasSize(1);
        ApiClient.Response read = api.await("/api/v1/coupon-books/" + bookId, coupons.admin, r -> r.status() == 200);
        assertThat(read.json().at("/terms/name").asText()).isEqualTo("Test book");
        assertThat(read.json().get("metadata")).isEqualTo(json(Map.of("campaign", "summer-26")));
    }

    @Test
    void canFilterTheTransactionLogByOneMetadataPairOfARedemption() {
        String order = "order-" + UUID.randomUUID();
        Held first = held(Map.of("metadata", Map.of("orderId", order)));
        Held second = held(Map.of());
        redeem(first, Map.of("orderId", order, "channel", "web"));
        redeem(second, Map.of("orderId", order + "-2", "channel", "web"));
        String auditor = coupons.token("auditor", "AUDITOR");

        ApiClient.Response found = api.get("/api/v1/transactions?metadataKey=orderId&metadataValue=" + order + "&waitMs=10000", auditor);

        assertThat(found.status()).as(found.raw()).isEqualTo(200);
        List<JsonNode> items = items(found);
        assertThat(items).as("the book's own metadata is not matched: only the redemption").singleElement().satisfies(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("REDEEM");
            assertThat(entry.get("code").asText()).isEqualTo(first.code());
            assertThat(entry.get("metadata")).isEqualTo(json(Map.of("orderId", order, "channel", "web")));
        });
        assertThat(items(api.get("/api/v1/transactions?metadataKey=orderId&metadataValue=" + order
                + "&couponBookId=" + second.bookId(), auditor))).isEmpty();
        assertThat(items(api.get("/api/v1/transactions?metadataKey=channel&metadataValue=web&couponBookId=" + second.bookId(), auditor)))
                .extracting(entry -> entry.get("code").asText()).containsExactly(second.code());
        assertThat(items(api.get("/api/v1/transactions?code=" + first.code(), auditor)))
                .filteredOn(entry -> !entry.get("action").asText().equals("REDEEM"))
                .allSatisfy(entry -> assertThat(entry.get("metadata").isEmpty()).isTrue());
    }

    @Test
    void cannotFilterTheTransactionLogByHalfAMetadataPair() {
        String analyst = coupons.token("analyst", "ANALYST");
        for (String query : List.of("metadataKey=orderId", "metadataValue=42", "metadataKey=%20&metadataValue=42")) {
            ApiClient.Response refused = api.get("/api/v1/transactions?" + query, analyst);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.problemCode()).isEqualTo("INVALID_METADATA_FILTER");
        }
    }

    private static Map<String, Object> nullValue() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("orderId", null);
        return metadata;
    }

    private void redeem(Held held, Map<String, String> metadata) {
        String lockId = lock(held);
        ApiClient.Response redeemed = api.post("/api/v1/coupons/" + held.code() + "/redemptions", held.token(),
                Map.of("lockId", lockId, "metadata", metadata));
        assertThat(redeemed.status()).as(redeemed.raw()).isEqualTo(201);
    }

    private List<JsonNode> auditedEvents(String bookId) {
        ApiClient.Response history = api.get("/api/v1/audit/events?aggregateId=book:" + bookId, coupons.token("auditor", "AUDITOR"));
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        history.json().get("events").forEach(events::add);
        return events;
    }

    private static JsonNode bookIn(ApiClient.Response list, String bookId) {
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode book : list.json().get("items")) {
            if (book.get("bookId").asText().equals(bookId)) {
                return book;
            }
        }
        throw new AssertionError("book " + bookId + " not listed: " + list.raw());
    }

    private static List<JsonNode> items(ApiClient.Response page) {
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.json().get("items").forEach(items::add);
        return items;
    }

    private static JsonNode json(Map<String, ?> value) {
        return JSON.valueToTree(value);
    }
}
