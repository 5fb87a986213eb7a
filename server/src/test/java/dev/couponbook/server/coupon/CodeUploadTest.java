package dev.couponbook.server.coupon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads: codes unique across all books (invariant 5), every rejected code reported with its reason. */
class CodeUploadTest extends CouponIntegrationTest {

    @Test
    void canUploadOneCodePerLineReportingEachRejectedCode() {
        List<String> codes = CouponApi.freshCodes(3);
        String bookId = coupons.createBook(Map.of());
        String body = String.join("\n", codes.get(0), "", "\"" + codes.get(1) + "\"", "bad code!", "ab",
                codes.get(0), codes.get(2) + "\r", "x".repeat(200));

        ApiClient.Response response = coupons.uploadCsv(bookId, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("received").asLong()).isEqualTo(7);
        assertThat(response.json().get("accepted").asLong()).isEqualTo(3);
        assertThat(response.json().get("rejected").asLong()).isEqualTo(4);
        assertThat(response.json().get("complete").asBoolean()).isTrue();
        assertThat(errors(response)).containsExactly("4:INVALID_CODE", "5:INVALID_CODE", "6:DUPLICATE_IN_UPLOAD", "8:INVALID_CODE");
    }

    @Test
    void cannotUploadACodeThatAnotherBookUses() {
        List<String> codes = CouponApi.freshCodes(2);
        coupons.bookWith(codes.subList(0, 1), Map.of());
        String bookB = coupons.createBook(Map.of());

        ApiClient.Response response = coupons.uploadCsv(bookB, String.join("\n", codes));

        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(errors(response)).containsExactly("1:USED_BY_ANOTHER_BOOK");
    }

    @Test
    void canTellCodesAlreadyInTheBookFromDuplicatesAcrossBatchesOfOneUpload() {
        List<String> codes = CouponApi.freshCodes(3);
        String bookId = coupons.bookWith(codes.subList(0, 1), Map.of());
        List<String> lines = new ArrayList<>(codes);
        for (int i = 0; i < 10_000; i++) {
            lines.add(codes.get(2) + "x" + i);
        }
        lines.add(codes.get(1));

        ApiClient.Response response = coupons.uploadCsv(bookId, String.join("\n", lines));

        assertThat(response.json().get("accepted").asLong()).isEqualTo(10_002);
        assertThat(errors(response)).containsExactly("1:USED_BY_THIS_BOOK", "10004:DUPLICATE_IN_UPLOAD");
    }

    @Test
    void canUploadAJsonArrayAndReportNonStrings() {
        List<String> codes = CouponApi.freshCodes(2);
        String bookId = coupons.createBook(Map.of());
        String body = "[\"" + codes.get(0) + "\", 42, {\"code\": \"x\"}, \"" + codes.get(1) + "\"]";

        ApiClient.Response response = api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes",
                coupons.admin, body, MediaType.APPLICATION_JSON, HttpHeaders.EMPTY);

        assertThat(response.json().get("accepted").asLong()).isEqualTo(2);
        assertThat(errors(response)).containsExactly("2:INVALID_CODE", "3:INVALID_CODE");
        assertThat(coupons.assign(bookId, coupons.newUser()).status()).isEqualTo(201);
    }

    @Test
    void canReportABrokenJsonArrayKeepingTheCodesBeforeTheBreak() {
        List<String> codes = CouponApi.freshCodes(1);
        String bookId = coupons.createBook(Map.of());

        ApiClient.Response response = api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes",
                coupons.admin, "[\"" + codes.get(0) + "\", \"oops", MediaType.APPLICATION_JSON, HttpHeaders.EMPTY);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(response.json().get("complete").asBoolean()).isFalse();
        assertThat(errors(response)).containsExactly("2:MALFORMED_INPUT");
    }

    @Test
    void cannotUploadSomethingOtherThanAJsonArray() {
        String bookId = coupons.createBook(Map.of());
        ApiClient.Response response = api.post("/api/v1/coupon-books/" + bookId + "/codes", coupons.admin, Map.of("codes", 1));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemCode()).isEqualTo("MALFORMED_JSON");
    }

    @Test
    void cannotUploadToAnUnknownBook() {
        ApiClient.Response response = coupons.uploadCsv("4b0a2c54-0000-4000-8000-000000000000", "ABCD1234");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemCode()).isEqualTo("BOOK_NOT_FOUND");
    }

    @Test
    void cannotUploadAsAUser() {
        String bookId = coupons.createBook(Map.of());
        ApiClient.Response response = api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes",
                coupons.newUser(), "ABCD1234", MediaType.valueOf("text/csv"), HttpHeaders.EMPTY);
        assertThat(response.status()).isEqualTo(403);
    }

    private static List<String> errors(ApiClient.Response response) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : response.json().get("errors")) {
            errors.add(error.get("position").asLong() + ":" + error.get("reason").asText());
        }
        return errors;
    }
}
