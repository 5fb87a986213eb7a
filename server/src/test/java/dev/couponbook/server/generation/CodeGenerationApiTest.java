package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.generation.CodeGenerationSaga;
import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Generation jobs through the API: starting, following, exporting, and every refusal before anything starts. */
class CodeGenerationApiTest extends IntegrationTest {

    @Autowired
    private EventProcessingConfiguration processing;

    private GenerationApi generation;

    @BeforeEach
    void login() {
        generation = new GenerationApi(api);
    }

    @Test
    void canGenerateCodesAndFollowTheJobToCompletion() {
        String bookId = generation.createBook("Generated");
        ApiClient.Response started = api.post(GenerationApi.jobs(bookId), generation.admin,
                Map.of("count", 2500, "pattern", "GEN-#{8}"));
        assertThat(started.status()).isEqualTo(202);
        String jobId = started.json().get("jobId").asText();
        assertThat(started.headers().getLocation()).hasToString(GenerationApi.job(bookId, jobId));
        assertThat(started.json().get("status").asText()).isEqualTo("PENDING");

        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(30)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("requested").asLong()).isEqualTo(2500);
        assertThat(job.get("generated").asLong()).isEqualTo(2500);
        assertThat(job.get("pattern").asText()).isEqualTo("GEN-#{8}");
        Instant startedAt = Instant.parse(job.get("startedAt").asText());
        assertThat(Instant.parse(job.get("finishedAt").asText())).isAfterOrEqualTo(startedAt);
        assertThat(Instant.parse(job.get("requestedAt").asText())).isBeforeOrEqualTo(startedAt);

        generation.awaitCodes(bookId, 2500);
        List<String> rows = generation.exportCsv(bookId);
        CodePattern pattern = CodePattern.parse("GEN-#{8}");
        Set<String> codes = new HashSet<>();
        for (String row : rows) {
            String[] fields = row.split(",", -1);
            assertThat(pattern.matches(fields[0])).as(fields[0]).isTrue();
            assertThat(fields[1]).isEqualTo("AVAILABLE");
            codes.add(fields[0]);
        }
        assertThat(rows).hasSize(2500);
        assertThat(codes).hasSize(2500);
        ApiClient.Response book = api.await("/api/v1/coupon-books/" + bookId, generation.admin,
                r -> r.json().get("totalCodes").asLong() == 2500);
        assertThat(book.json().get("totalCodes").asLong()).isEqualTo(2500);
    }

    @Test
    void canRunTheSagaInTheDefaultRoles() {
        assertThat(processing.sagaEventProcessor(CodeGenerationSaga.class)).isPresent();
    }

    @Test
    void canPageThroughTheCodesAsJson() {
        String bookId = generation.createBook("Paged");
        String jobId = generation.startJob(bookId, 25, "[A-Z]{6}");
        generation.awaitFinished(bookId, jobId, Duration.ofSeconds(30));
        ApiClient.Response all = api.await("/api/v1/coupon-books/" + bookId + "/codes?size=25", generation.admin,
                r -> r.json().get("total").asLong() == 25);
        ApiClient.Response page = api.get("/api/v1/coupon-books/" + bookId + "/codes?page=1&size=10", generation.admin);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("total").asLong()).isEqualTo(25);
        List<String> firstTwentyFive = all.json().get("items").findValuesAsText("code");
        assertThat(firstTwentyFive).isSorted().hasSize(25);
        assertThat(page.json().get("items").findValuesAsText("code")).isEqualTo(firstTwentyFive.subList(10, 20));
        assertThat(page.json().at("/items/0/status").asText()).isEqualTo("AVAILABLE");

        HttpHeaders anything = new HttpHeaders();
        anything.setAccept(List.of(MediaType.ALL));
        ApiClient.Response unspecified = api.send(HttpMethod.GET, "/api/v1/coupon-books/" + bookId + "/codes", generation.admin,
                null, MediaType.APPLICATION_JSON, anything);
        assertThat(unspecified.contentType()).startsWith("application/json");
    }

    @Test
    void canStartAJobWhenCreatingABook() {
        ApiClient.Response created = api.post("/api/v1/coupon-books", generation.admin,
                Map.of("name", "Created with codes", "totalCodes", 30, "codePattern", "NEW-[0-9]{5}"));
        assertThat(created.status()).isEqualTo(201);
        String bookId = created.json().get("bookId").asText();
        String jobId = created.json().get("generationJobId").asText();
        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(30)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("generated").asLong()).isEqualTo(30);
        assertThat(job.get("pattern").asText()).isEqualTo("NEW-[0-9]{5}");
    }

    @Test
    void canUseTheBookPatternWhenTheJobNamesNone() {
        ApiClient.Response created = api.post("/api/v1/coupon-books", generation.admin,
                Map.of("name", "Book pattern", "codePattern", "BP-#{7}"));
        String bookId = created.json().get("bookId").asText();
        String jobId = generation.startJob(bookId, 10, null);
        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(30)).json();
        assertThat(job.get("pattern").asText()).isEqualTo("BP-#{7}");
        generation.awaitCodes(bookId, 10);
        assertThat(generation.exportCsv(bookId)).hasSize(10).allMatch(row -> row.matches("BP-[A-HJ-NP-Z2-9]{7},.*"));
    }

    @Test
    void cannotStartAJobWithAMalformedPattern() {
        String bookId = generation.createBook("Malformed");
        ApiClient.Response refused = api.post(GenerationApi.jobs(bookId), generation.admin,
                Map.of("count", 10, "pattern", "AB[CD"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problemCode()).isEqualTo("INVALID_PATTERN");
        assertThat(refused.json().get("detail").asText()).contains("no closing ']'");
    }

    @Test
    void cannotStartAJobThePatternHasNoRoomFor() {
        String bookId = generation.createBook("Too small");
        ApiClient.Response refused = api.post(GenerationApi.jobs(bookId), generation.admin,
                Map.of("count", 200, "pattern", "X-[0-9]{3}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemCode()).isEqualTo("PATTERN_TOO_SMALL");
    }

    @Test
    void cannotCreateABookWhoseGenerationWouldBeRefused() {
        String name = "Never created " + System.nanoTime();
        ApiClient.Response refused = api.post("/api/v1/coupon-books", generation.admin,
                Map.of("name", name, "totalCodes", 5000, "codePattern", "[0-9]{3}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemCode()).isEqualTo("PATTERN_TOO_SMALL");
        GenerationApi.pause(300);
        assertThat(api.get("/api/v1/coupon-books?size=200", generation.admin).raw()).doesNotContain(name);
    }

    @Test
    void cannotStartAJobWithoutACount() {
        String bookId = generation.createBook("No count");
        ApiClient.Response refused = api.post(GenerationApi.jobs(bookId), generation.admin, Map.of("pattern", "#{8}"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.problemCode()).isEqualTo("VALIDATION_FAILED");
        assertThat(api.post(GenerationApi.jobs(bookId), generation.admin, Map.of("count", -1)).status()).isEqualTo(400);
        assertThat(api.post(GenerationApi.jobs(bookId), generation.admin, Map.of("count", 20_000_000)).problemCode())
                .isEqualTo("COUNT_TOO_LARGE");
    }

    @Test
    void cannotStartAJobForAnUnknownBook() {
        ApiClient.Response refused = api.post(GenerationApi.jobs("4b0a2c54-0000-4000-8000-000000000000"),
                generation.admin, Map.of("count", 10));
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void cannotFollowAnUnknownJob() {
        String bookId = generation.createBook("No such job");
        ApiClient.Response missing = api.get(GenerationApi.job(bookId, "nope"), generation.admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemCode()).isEqualTo("GENERATION_JOB_NOT_FOUND");
    }

    @Test
    void cannotGenerateOrExportAsAUser() {
        String bookId = generation.createBook("Admins only");
        String user = api.token(ApiClient.USER);
        assertThat(api.post(GenerationApi.jobs(bookId), user, Map.of("count", 10)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/coupon-books/" + bookId + "/codes", user).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/coupon-books/" + bookId + "/codes", api.token(ApiClient.ANALYST)).status())
                .isEqualTo(403);
    }

    @Test
    void cannotExportAnUnknownBook() {
        ApiClient.Response missing = api.get("/api/v1/coupon-books/4b0a2c54-0000-4000-8000-000000000001/codes",
                generation.admin);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemCode()).isEqualTo("BOOK_NOT_FOUND");
    }
}
