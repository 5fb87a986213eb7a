package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CSV export opens in a spreadsheet as text: nothing in it runs as a formula (OWASP CSV injection). */
class CsvExportTest extends CouponIntegrationTest {

    private static final List<String> FORMULA_USER_IDS = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3",
            "@SUM(A1:A9)");

    @Test
    void cannotRunAFormulaFromAnExportedCell() {
        List<String> codes = CouponApi.freshCodes(FORMULA_USER_IDS.size());
        String bookId = coupons.bookWith(codes, Map.of());
        for (int i = 0; i < codes.size(); i++) {
            ApiClient.Response assigned = api.post("/api/v1/coupons/" + codes.get(i) + "/assignment", coupons.admin,
                    Map.of("userId", FORMULA_USER_IDS.get(i)));
            assertThat(assigned.status()).as(assigned.raw()).isEqualTo(201);
        }

        HttpHeaders csv = new HttpHeaders();
        csv.setAccept(List.of(MediaType.parseMediaType("text/csv")));
        ApiClient.Response export = api.send(HttpMethod.GET, "/api/v1/coupon-books/" + bookId + "/codes", coupons.admin, null,
                MediaType.APPLICATION_JSON, csv);
        for (int attempt = 0; attempt < 200 && !export.raw().contains("ASSIGNED,\"'@SUM"); attempt++) {
            export = api.send(HttpMethod.GET, "/api/v1/coupon-books/" + bookId + "/codes", coupons.admin, null,
                    MediaType.APPLICATION_JSON, csv);
        }
        assertThat(export.raw()).contains(
                "ASSIGNED,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",",
                "ASSIGNED,\"'+1+1\",", "ASSIGNED,\"'-2+3\",", "ASSIGNED,\"'@SUM(A1:A9)\",");
        for (String line : export.raw().split("\r\n")) {
            for (String cell : line.split(",")) {
                assertThat(cell).as(line).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
            }
        }
    }

    /** Decided: new codes begin with a letter or digit, so no code needs the export's escape at all. */
    @Test
    void cannotUploadACodeThatStartsLikeAFormula() {
        String bookId = coupons.createBook(Map.of());
        ApiClient.Response upload = coupons.uploadCsv(bookId, "-LEADING1\n_LEADING2\nGOOD-CODE-" + System.nanoTime());
        assertThat(upload.json().get("accepted").asLong()).isEqualTo(1);
        assertThat(upload.json().get("rejected").asLong()).isEqualTo(2);
        ApiClient.Response pattern = api.post("/api/v1/coupon-books", coupons.admin, Map.of("name", "n", "codePattern", "+#{8}"));
        assertThat(pattern.problemCode()).isEqualTo("INVALID_PATTERN");
    }
}
