package dev.couponbook.command.code;

import com.fasterxml.jackson.core.JsonFactory;
import dev.couponbook.messages.couponbook.CodeDetails;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How upload bodies are read: plain codes, code objects with expiry and metadata, and the CSV expiry column. */
class UploadedCodesTest {

    private static final Instant EXPIRY = Instant.parse("2026-12-31T23:59:59Z");

    private static List<UploadedCodes.Entry> read(UploadedCodes codes) throws IOException {
        List<UploadedCodes.Entry> entries = new ArrayList<>();
        try (codes) {
            UploadedCodes.Entry entry;
            while ((entry = codes.next()) != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<UploadedCodes.Entry> json(String body) throws IOException {
        return read(UploadedCodes.jsonArray(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), new JsonFactory()));
    }

    private static List<UploadedCodes.Entry> lines(String body) throws IOException {
        return read(UploadedCodes.lines(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void canReadCodeObjectsBesidePlainStrings() throws IOException {
        assertThat(json("""
                ["PLAIN1", {"code": "OBJ1", "expiresAt": "2026-12-31T23:59:59Z", "metadata": {"tier": "gold"}}, {"code": "OBJ2"}]
                """)).containsExactly(
                new UploadedCodes.Entry(1, "PLAIN1"),
                new UploadedCodes.Entry(2, "OBJ1", new CodeDetails(EXPIRY, Map.of("tier", "gold")), null),
                new UploadedCodes.Entry(3, "OBJ2", CodeDetails.NONE, null));
    }

    @Test
    void cannotReadAnExpiryThatIsNoInstant() throws IOException {
        assertThat(json("[{\"code\": \"OBJ1\", \"expiresAt\": \"tomorrow\"}]"))
                .containsExactly(new UploadedCodes.Entry(1, "OBJ1", CodeDetails.NONE, UploadReport.Reason.INVALID_EXPIRY));
    }

    @Test
    void cannotReadMetadataWithOtherThanStringValuesOrOver4KB() throws IOException {
        assertThat(json("[{\"code\": \"OBJ1\", \"metadata\": {\"n\": 1}}, {\"code\": \"OBJ2\", \"metadata\": {\"k\": \""
                + "x".repeat(4100) + "\"}}]")).extracting(UploadedCodes.Entry::problem)
                .containsExactly(UploadReport.Reason.INVALID_METADATA, UploadReport.Reason.INVALID_METADATA);
    }

    @Test
    void cannotReadAnObjectWithoutCodeOrWithUnknownMembers() throws IOException {
        assertThat(json("[{\"expiresAt\": \"2026-12-31T23:59:59Z\"}, {\"code\": \"OBJ2\", \"colour\": \"red\"}, \"NEXT1\"]"))
                .containsExactly(new UploadedCodes.Entry(1, null), new UploadedCodes.Entry(2, null), new UploadedCodes.Entry(3, "NEXT1"));
    }

    @Test
    void canReadTheExpiryColumnOfCsvSkippingItsHeader() throws IOException {
        assertThat(lines("code,expiresAt\nCSV1,2026-12-31T23:59:59Z\n\"CSV2\"\nCSV3,\"2026-12-31T23:59:59Z\"\nCSV4,soon\n"))
                .containsExactly(
                        new UploadedCodes.Entry(2, "CSV1", new CodeDetails(EXPIRY, Map.of()), null),
                        new UploadedCodes.Entry(3, "CSV2"),
                        new UploadedCodes.Entry(4, "CSV3", new CodeDetails(EXPIRY, Map.of()), null),
                        new UploadedCodes.Entry(5, "CSV4", CodeDetails.NONE, UploadReport.Reason.INVALID_EXPIRY));
    }
}
