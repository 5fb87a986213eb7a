package dev.couponbook.server.generation;

import dev.couponbook.server.ApiClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Steps the generation tests share: make a book, start a job, wait for it to finish, export the codes. */
final class GenerationApi {

    static final Set<String> FINISHED = Set.of("COMPLETED", "FAILED");

    private final ApiClient api;
    final String admin;

    GenerationApi(ApiClient api) {
        this.api = api;
        this.admin = api.token(ApiClient.ADMIN);
    }

    String createBook(String name) {
        ApiClient.Response created = api.post("/api/v1/coupon-books", admin, Map.of("name", name));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("bookId").asText();
    }

    String startJob(String bookId, long count, String pattern) {
        ApiClient.Response started = api.post(jobs(bookId), admin,
                pattern == null ? Map.of("count", count) : Map.of("count", count, "pattern", pattern));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        return started.json().get("jobId").asText();
    }

    /** Polls the job until {@code until} holds or {@code patience} runs out; returns the last answer. */
    ApiClient.Response awaitJob(String bookId, String jobId, Duration patience, java.util.function.Predicate<ApiClient.Response> until) {
        Instant deadline = Instant.now().plus(patience);
        ApiClient.Response last = api.get(job(bookId, jobId), admin);
        while (!until.test(last) && Instant.now().isBefore(deadline)) {
            pause(100);
            last = api.get(job(bookId, jobId), admin);
        }
        return last;
    }

    ApiClient.Response awaitFinished(String bookId, String jobId, Duration patience) {
        return awaitJob(bookId, jobId, patience, r -> r.status() == 200 && FINISHED.contains(r.json().get("status").asText()));
    }

    /**
     * Waits until the code read model holds {@code count} codes of the book: it follows the events on its own,
     * a large job's at the pace of a busy machine, so the patience grows with the count.
     */
    void awaitCodes(String bookId, long count) {
        Duration patience = Duration.ofSeconds(20 + count / 2_000);
        ApiClient.Response page = api.await("/api/v1/coupon-books/" + bookId + "/codes?size=1", admin, patience,
                r -> r.status() == 200 && r.json().get("total").asLong() >= count);
        assertThat(page.json().get("total").asLong()).isEqualTo(count);
    }

    /** The CSV export's data rows, header dropped. */
    List<String> exportCsv(String bookId) {
        ApiClient.Response csv = api.send(org.springframework.http.HttpMethod.GET, "/api/v1/coupon-books/" + bookId + "/codes",
                admin, null, org.springframework.http.MediaType.APPLICATION_JSON, csvAccept());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = Arrays.asList(csv.raw().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("code,status,userId,assignedAt,lockedUntil,redemptions,expiresAt,disabled,metadata");
        return lines.subList(1, lines.size());
    }

    static String jobs(String bookId) {
        return "/api/v1/coupon-books/" + bookId + "/generation-jobs";
    }

    static String job(String bookId, String jobId) {
        return jobs(bookId) + "/" + jobId;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static org.springframework.http.HttpHeaders csvAccept() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setAccept(List.of(org.springframework.http.MediaType.parseMediaType("text/csv")));
        return headers;
    }
}
