package dev.couponbook.server.console;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is served by the service itself, without a token and under a strict
 * Content-Security-Policy, and every file it refers to is there; these checks need no browser.
 */
class ConsoleDeliveryTest extends IntegrationTest {

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#]+)\"|(?:from|import)\\s*['\"]([^'\"]+)['\"]");

    @Test
    void canServeTheConsoleWithoutATokenUnderAStrictPolicy() {
        ApiClient.Response folder = api.get("/console", null);
        assertThat(folder.status()).isEqualTo(302);
        assertThat(folder.headers().getLocation()).hasPath("/console/");

        ApiClient.Response page = api.get("/console/", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        String policy = page.headers().getFirst("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "*", "data:");
        assertThat(page.raw()).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style", " style=")
                .doesNotContainPattern("\\son[a-z]+=");
    }

    @Test
    void canServeEveryFileTheConsoleRefersTo() {
        Set<String> served = new LinkedHashSet<>();
        Deque<URI> pending = new ArrayDeque<>();
        pending.add(URI.create("/console/index.html"));
        while (!pending.isEmpty()) {
            URI file = pending.removeFirst();
            if (!served.add(file.getPath())) {
                continue;
            }
            ApiClient.Response response = api.get(file.getPath(), null);
            assertThat(response.status()).as(file.getPath()).isEqualTo(200);
            if (file.getPath().endsWith(".js")) {
                assertThat(response.contentType()).as(file.getPath()).startsWith("text/javascript");
            }
            if (file.getPath().endsWith(".html") || file.getPath().endsWith(".js") && file.getPath().startsWith("/console/")) {
                Matcher references = REFERENCE.matcher(response.raw());
                while (references.find()) {
                    String target = references.group(1) != null ? references.group(1) : references.group(2);
                    if (!target.startsWith("/") && !target.contains(":")) {
                        pending.add(file.resolve(target));
                    }
                }
            }
        }
        assertThat(served).contains("/console/js/main.js", "/console/console.css", "/console/js/pages/stats.js",
                "/webjars/lit-html/lit-html.js", "/webjars/uplot/dist/uPlot.esm.js");
    }

    @Test
    void canAnswerHeadOnTheConsolesFilesAsItAnswersGet() {
        assertThat(api.send(HttpMethod.HEAD, "/console", null, null).status()).isEqualTo(302);
        for (String file : List.of("/console/", "/console/index.html", "/console/js/main.js", "/console/console.css",
                "/webjars/lit-html/lit-html.js")) {
            ApiClient.Response get = api.get(file, null);
            ApiClient.Response head = api.send(HttpMethod.HEAD, file, null, null);

            assertThat(head.status()).as(file).isEqualTo(200);
            assertThat(head.raw()).as(file).isEmpty();
            assertThat(head.contentType()).as(file).isEqualTo(get.contentType());
            assertThat(head.headers().getFirst("Content-Security-Policy")).as(file)
                .isEqualTo(get.headers().getFirst("Content-Security-Policy"));
        }
    }

    @Test
    void cannotReadTheApiWithoutATokenThroughTheConsole() {
        assertThat(api.get("/api/v1/coupon-books", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/admin/projections", null).status()).isEqualTo(401);
        assertThat(api.send(HttpMethod.POST, "/console/index.html", null, "{}").status()).isEqualTo(401);
    }
}
