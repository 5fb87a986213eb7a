package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's CSV export: an ADMIN asks for a single-use ticket, and the browser then fetches the file by plain
 * navigation (no token), so it streams to disk instead of into the page's memory.
 */
class CodeDownloadTest extends CouponIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void canDownloadABooksCodesOnceThroughATicketWithoutAToken() {
        List<String> codes = CouponApi.freshCodes(3);
        String bookId = coupons.bookWith(codes, Map.of());

        ApiClient.Response ticket = api.post("/api/v1/coupon-books/" + bookId + "/codes/downloads", coupons.admin, null);
        assertThat(ticket.status()).as(ticket.raw()).isEqualTo(201);
        String url = ticket.json().get("url").asText();
        assertThat(url).startsWith("/api/v1/coupon-books/" + bookId + "/codes/downloads/");
        assertThat(Instant.parse(ticket.json().get("expiresAt").asText())).isBefore(Instant.now().plusSeconds(61));

        ApiClient.Response file = api.get(url, null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/csv");
        assertThat(file.headers().getFirst("Content-Disposition")).contains("codes-" + bookId + ".csv");
        assertThat(file.raw()).startsWith("code,status,userId,assignedAt,lockedUntil,redemptions,expiresAt,disabled,metadata\r\n");

        ApiClient.Response again = api.get(url, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.problemCode()).isEqualTo("DOWNLOAD_NOT_FOUND");
    }

    @Test
    void cannotDownloadWithAnExpiredAForeignOrAMadeUpTicketNorGetOneAsAUser() {
        String bookId = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        String otherBook = coupons.bookWith(CouponApi.freshCodes(1), Map.of());
        String prefix = "/api/v1/coupon-books/" + bookId + "/codes/downloads";

        assertThat(api.post(prefix, coupons.newUser(), null).status()).isEqualTo(403);
        assertThat(api.post(prefix, null, null).status()).isEqualTo(401);
        assertThat(api.get(prefix + "/made-up", null).problemCode()).isEqualTo("DOWNLOAD_NOT_FOUND");

        String foreign = api.post("/api/v1/coupon-books/" + otherBook + "/codes/downloads", coupons.admin, null)
            .json().get("url").asText();
        String foreignTicket = foreign.substring(foreign.lastIndexOf('/') + 1);
        assertThat(api.get(prefix + "/" + foreignTicket, null).status()).as("a ticket names its book").isEqualTo(404);

        mongo.getCollection("download_tickets").insertOne(new Document("_id", "expired").append("bookId", bookId)
            .append("issuedTo", "admin").append("expiresAt", Date.from(Instant.now().minus(Duration.ofSeconds(1)))));
        assertThat(api.get(prefix + "/expired", null).problemCode()).isEqualTo("DOWNLOAD_NOT_FOUND");
    }
}
