package dev.couponbook.server.console;

import dev.couponbook.server.ApiClient;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console end to end in Debian's headless Chromium against the whole service on the embedded
 * default: every role signs in and sees only its pages, an admin fills a book and watches a
 * generation job, a coupon's life shows in the timeline and the chart, a projection is replayed.
 * Each test saves screenshots of the pages it visits (see {@code console.screenshots}).
 */
class ConsoleBrowserTest extends IntegrationTest {

    private static final Duration GENERATION_PATIENCE = Duration.ofMinutes(3);
    private static Browser browser;

    private String console;

    @BeforeAll
    static void startBrowser() throws IOException {
        if (Browser.available()) {
            browser = new Browser();
        } else {
            // Printed with the build output: each test is then skipped with the same message.
            LoggerFactory.getLogger(ConsoleBrowserTest.class).warn(Browser.UNAVAILABLE);
        }
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openConsole() {
        assumeTrue(browser != null, Browser.UNAVAILABLE);
        console = "http://127.0.0.1:" + port + "/console/";
        browser.resize(Browser.DESKTOP);
    }

    @AfterEach
    void noScriptErrorsOrPolicyViolations() {
        if (browser == null) {
            return;
        }
        assertThat(browser.problems()).as("CSP violations and script errors in the page").isEmpty();
    }

    @Test
    void canSignInAsEachRoleAndSeeOnlyThePagesItMayUse() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put(ApiClient.ADMIN, List.of("Books", "Codes", "Timeline", "Stats", "Operations"));
        expected.put(ApiClient.ANALYST, List.of("Books", "Stats"));
        expected.put(ApiClient.AUDITOR, List.of("Timeline", "Operations"));
        expected.put(ApiClient.USER, List.of("My coupons"));

        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (String email : expected.keySet()) {
            signIn(email);
            seen.put(email, browser.all(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList());
        }

        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void cannotSeeAnyAdminPageAsAUser() {
        signIn(ApiClient.USER);
        assertThat(browser.heading()).isEqualTo("My coupons");
        browser.screenshot("my-coupons");

        for (String page : List.of("books", "books/some-book", "codes", "timeline", "stats", "operations")) {
            browser.go("#/" + page);
            browser.awaitText(By.cssSelector("main h1"), "Not available");
            assertThat(browser.find(By.tagName("main")).getText()).contains("you are signed in as USER");
        }
        assertThat(browser.all(By.cssSelector("#new-book, #projections, #toggle-active, #code-file"))).isEmpty();
    }

    @Test
    void canShowAnalystsAndAuditorsOnlyWhatTheirRoleMayDo() {
        String bookId = createBook("Read-only view");
        signIn(ApiClient.ANALYST);
        browser.visible(By.id("books"));
        assertThat(browser.all(By.id("new-book"))).isEmpty();
        browser.go("#/books/" + bookId);
        browser.awaitText(By.cssSelector("main h1"), "Read-only view");
        assertThat(browser.all(By.cssSelector("#toggle-active, #code-file, #generate-count"))).isEmpty();

        signIn(ApiClient.AUDITOR);
        browser.go("#/operations");
        browser.visible(By.id("consistency-book"));
        assertThat(browser.all(By.cssSelector("#projections, #no-dead-letters"))).isEmpty();
    }

    @Test
    void canSignInWithAPastedTokenKeptInMemoryOnly() {
        browser.open(console);
        browser.visible(By.id("token"));
        browser.screenshot("sign-in");
        browser.find(By.id("token")).sendKeys(api.token(ApiClient.ADMIN));
        browser.find(By.cssSelector("form[aria-labelledby=token-title] button")).click();
        browser.awaitText(By.cssSelector("[data-testid=roles]"), "ADMIN");

        assertThat(browser.script("return localStorage.length + sessionStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        browser.driver().navigate().refresh();
        assertThat(browser.heading()).isEqualTo("Sign in");
        assertThat(browser.all(By.cssSelector("#nav a"))).isEmpty();
    }

    @Test
    void cannotSignInWithAWrongPasswordOrAForgedToken() {
        browser.open(console);
        browser.visible(By.id("email")).sendKeys(ApiClient.ADMIN);
        browser.find(By.id("password")).sendKeys("wrong-password");
        browser.find(By.cssSelector("form[aria-labelledby=password-title] button")).click();
        assertThat(browser.awaitText(By.cssSelector("[role=alert]"), "INVALID_CREDENTIALS")).isNotBlank();

        String token = api.token(ApiClient.ADMIN);
        browser.find(By.id("token")).sendKeys(token.substring(0, token.length() - 4) + "AAAA");
        browser.find(By.cssSelector("form[aria-labelledby=token-title] button")).click();
        browser.awaitText(By.cssSelector("main"), "no longer accepts your token");
        assertThat(browser.all(By.cssSelector("#nav a"))).isEmpty();
    }

    @Test
    void canSignInAndReachAPageWithTheKeyboardAlone() {
        browser.open(console);
        browser.visible(By.id("email"));
        Actions keys = new Actions(browser.driver());
        tabUntil(keys, "email");
        keys.sendKeys(ApiClient.ANALYST).sendKeys(Keys.TAB).sendKeys(ApiClient.PASSWORD).sendKeys(Keys.ENTER).perform();
        browser.awaitText(By.cssSelector("[data-testid=roles]"), "ANALYST");

        WebElement link = tabBackUntil(keys, "Stats");
        assertThat(link.getTagName()).isEqualTo("a");
        keys.sendKeys(Keys.ENTER).perform();

        // The link itself reads "Stats" too: wait for focus to leave it, onto the page that opened.
        browser.await(driver -> "Stats".equals(browser.script("return document.activeElement.textContent"))
                && !"A".equals(browser.script("return document.activeElement.tagName")));
        assertThat(browser.script("return document.activeElement.tagName")).isEqualTo("H1");
    }

    @Test
    void canCreateABookUploadCodesAndWatchAGenerationJobReachAHundredPercent() throws IOException {
        signIn(ApiClient.ADMIN);
        browser.find(By.cssSelector("details > summary")).click();
        String name = "Console book " + UUID.randomUUID().toString().substring(0, 8);
        browser.visible(By.id("new-name")).sendKeys(name);
        browser.find(By.id("new-max-codes")).sendKeys("2");
        browser.find(By.cssSelector("#new-book button[type=submit]")).click();
        browser.awaitText(By.cssSelector("main h1"), name);

        String prefix = "CB" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
        List<String> lines = new ArrayList<>(IntStream.rangeClosed(1, 1000).mapToObj(i -> prefix + "-" + i).toList());
        lines.add("bad code!");
        lines.add(prefix + "-1");
        Path file = Files.createTempFile("console-codes-", ".csv");
        try {
            Files.writeString(file, String.join("\n", lines));
            browser.find(By.id("code-file")).sendKeys(file.toAbsolutePath().toString());
            String result = browser.awaitText(By.id("upload-result"), "accepted");
            assertThat(result).contains("Received 1,002, accepted 1,000, rejected 2");
        } finally {
            Files.delete(file);
        }
        assertThat(rows(By.cssSelector("#upload-errors tbody tr")))
                .containsExactly(List.of("1001", "bad code!", "INVALID_CODE"), List.of("1002", prefix + "-1", "DUPLICATE_IN_UPLOAD"));
        assertThat(browser.find(By.id("upload-progress-text")).getText()).isEqualTo("100 %");

        dropFile(By.id("drop-zone"), "more.csv", prefix + "-1001\n" + prefix + "-1002\n" + prefix + "-5\n");
        browser.awaitText(By.id("upload-result"), "Received 3, accepted 2, rejected 1");
        assertThat(rows(By.cssSelector("#upload-errors tbody tr"))).containsExactly(List.of("3", prefix + "-5", "USED_BY_THIS_BOOK"));

        browser.find(By.id("generate-count")).sendKeys("10000");
        browser.find(By.id("generate-pattern")).sendKeys(prefix + "-G-#{8}");
        browser.find(By.cssSelector("form[aria-label='Generate codes'] button")).click();
        browser.visible(By.id("generation-progress"));
        browser.await(ExpectedConditions.textToBe(By.id("generation-progress-text"), "100 %"), GENERATION_PATIENCE);

        assertThat(browser.awaitText(By.id("generation-status"), "COMPLETED")).contains("10,000 of 10,000 codes");
        WebElement bar = browser.find(By.id("generation-progress"));
        assertThat(bar.getDomProperty("value")).isEqualTo(bar.getDomProperty("max")).isEqualTo("10000");
        browser.await(driver -> "11,002".equals(tiles(By.id("book-counts")).get("Codes")));
        browser.screenshot("book");

        String bookId = (String) browser.script("return decodeURIComponent(location.hash.split('/')[2])");
        api.await("/api/v1/coupon-books/" + bookId, api.token(ApiClient.ADMIN), r -> r.json().get("totalCodes").asLong() == 11_002);
        browser.go("#/books");
        assertThat(browser.awaitText(By.id("books"), name)).contains("11,002");
        browser.screenshot("books");
    }

    @Test
    void canFollowAnAssignedAndRedeemedCouponInTheTimelineAndTheChart() {
        String bookId = createBook("Timeline book");
        String code = "TL" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String admin = api.token(ApiClient.ADMIN);
        assertThat(api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes", admin, code + "\n" + code + "-2",
                MediaType.valueOf("text/csv"), HttpHeaders.EMPTY).status()).isEqualTo(200);
        String user = api.token(ApiClient.USER);
        ApiClient.Response assigned = api.post("/api/v1/coupons/" + code + "/assignment", admin,
                Map.of("userId", subjectOf(user)));
        assertThat(assigned.status()).isEqualTo(201);
        ApiClient.Response lock = api.post("/api/v1/coupons/" + code + "/lock", user, Map.of());
        String lockId = lock.json().get("lockId").asText();
        assertThat(api.post("/api/v1/coupons/" + code + "/redemptions", user, Map.of("lockId", lockId)).status()).isEqualTo(201);
        ApiClient.Response again = api.post("/api/v1/coupons/" + code + "/redemptions", user, Map.of("lockId", lockId));
        assertThat(again.status()).isEqualTo(409);

        signIn(ApiClient.ADMIN);
        browser.go("#/codes?code=" + code + "&book=" + bookId);
        assertThat(browser.awaitText(By.cssSelector("[data-testid=code-status]"), "REDEEMED")).isEqualTo("REDEEMED");
        assertThat(browser.find(By.cssSelector("[data-testid=code-holder]")).getText()).isEqualTo(subjectOf(user));
        browser.visible(By.cssSelector("table tbody tr"));
        browser.screenshot("codes");
        browser.find(By.id("export-csv")).click();
        Path csv = browser.downloads().resolve("codes-" + bookId + ".csv");
        browser.await(driver -> Files.exists(csv));
        assertThat(csv).content().startsWith("code,status,userId,assignedAt,lockedUntil,redemptions,expiresAt,disabled,metadata\r\n")
                .contains(code + ",REDEEMED," + subjectOf(user) + ",").contains(code + "-2,AVAILABLE,");

        signIn(ApiClient.AUDITOR);
        browser.go("#/timeline?code=" + code);
        browser.awaitText(By.id("timeline"), again.problemCode());
        List<String> titles = browser.all(By.cssSelector("#timeline .entry-type")).stream().map(WebElement::getText).toList();
        assertThat(titles).containsSubsequence("Coupon assigned", "Coupon locked", "Coupon redeemed", "Refused Redeem attempt");
        WebElement redeemed = browser.all(By.cssSelector("#timeline .entry")).get(titles.indexOf("Coupon redeemed"));
        assertThat(redeemed.getText()).contains("By " + subjectOf(user)).contains("correlation");
        redeemed.findElement(By.tagName("summary")).click();
        browser.await(driver -> !redeemed.findElements(By.tagName("pre")).isEmpty());
        assertThat(redeemed.findElement(By.tagName("pre")).getText()).contains("\"redemptionId\"").contains("\"correlationId\"");
        browser.screenshot("timeline");

        signIn(ApiClient.ANALYST);
        browser.go("#/stats?book=" + bookId);
        browser.await(driver -> "1".equals(tiles(By.id("stats-tiles")).get("Redeemed")));
        assertThat(tiles(By.id("stats-tiles"))).containsEntry("Assigned", "1").containsEntry("Redemptions", "1")
                .containsEntry("Refusals", "1").containsEntry("Redemption rate", "100.0 %");
        browser.visible(By.cssSelector("#stats-chart canvas"));
        browser.find(By.cssSelector("section[aria-labelledby=chart-title] details > summary")).click();
        String day = Instant.parse(assigned.json().get("assignedAt").asText()).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(rows(By.cssSelector("#daily tbody tr"))).contains(List.of(day, "1", "1", "1", "1"));
        assertThat(rows(By.cssSelector("#refusal-reasons tbody tr"))).containsExactly(List.of(again.problemCode(), "1"));
        browser.screenshot("stats");
    }

    @Test
    void canReplayAProjectionAndWatchItCatchUp() {
        String bookId = createBook("Operations book");
        signIn(ApiClient.ADMIN);
        browser.go("#/operations");
        By row = By.cssSelector("#projections tr[data-processor=transactions]");
        browser.awaitText(row, "caught up");

        browser.find(By.cssSelector("button[aria-label='Replay transactions']")).click();
        browser.await(ExpectedConditions.textToBe(By.id("replay-transactions-text"), "100 %"), Duration.ofMinutes(2));
        assertThat(browser.awaitText(row, "caught up")).doesNotContain("replaying");
        browser.visible(By.id("no-dead-letters"));

        browser.find(By.id("consistency-book")).sendKeys(bookId);
        browser.find(By.cssSelector("form[aria-label='Consistency check'] button")).click();
        assertThat(browser.awaitText(By.id("consistency-result"), "Consistent")).contains("1 book,");
        browser.screenshot("operations");
    }

    @Test
    void canUseTheConsoleAtPhoneWidthWithoutSidewaysScrolling() {
        createBook("Phone book");
        browser.resize(new Dimension(390, 844));
        signIn(ApiClient.ADMIN);
        browser.visible(By.id("books"));

        assertThat((Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).isLessThanOrEqualTo(0L);
        assertThat(browser.find(By.cssSelector("#nav a")).isDisplayed()).isTrue();
        browser.screenshot("phone-books");
    }

    private void signIn(String email) {
        browser.open(console);
        browser.visible(By.id("email")).sendKeys(email);
        browser.find(By.id("password")).sendKeys(ApiClient.PASSWORD);
        browser.find(By.cssSelector("form[aria-labelledby=password-title] button")).click();
        browser.visible(By.cssSelector("[data-testid=subject]"));
    }

    private String createBook(String name) {
        ApiClient.Response created = api.post("/api/v1/coupon-books", api.token(ApiClient.ADMIN), Map.of("name", name));
        assertThat(created.status()).isEqualTo(201);
        return created.json().get("bookId").asText();
    }

    /** The token's subject: the opaque user id the service knows the caller by. */
    private String subjectOf(String token) {
        return api.get("/api/v1/me/coupons?size=1", token).json().get("userId").asText();
    }

    /** Presses Tab until the focused element has this id or text; a page reachable by keyboard gets there. */
    private WebElement tabUntil(Actions keys, String idOrText) {
        return pressUntil(() -> keys.sendKeys(Keys.TAB).perform(), idOrText);
    }

    /** Presses Shift+Tab until the focused element has this id or text. */
    private WebElement tabBackUntil(Actions keys, String idOrText) {
        return pressUntil(() -> keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform(), idOrText);
    }

    private WebElement pressUntil(Runnable press, String idOrText) {
        for (int presses = 0; presses < 40; presses++) {
            WebElement focused = browser.driver().switchTo().activeElement();
            if (idOrText.equals(focused.getDomAttribute("id")) || idOrText.equals(focused.getText())) {
                return focused;
            }
            press.run();
        }
        throw new AssertionError("The keyboard never reached " + idOrText);
    }

    /** The counts of a row of tiles, by label. */
    private Map<String, String> tiles(By list) {
        Map<String, String> byLabel = new LinkedHashMap<>();
        browser.find(list).findElements(By.tagName("li")).forEach(tile -> byLabel.put(
                tile.findElement(By.className("tile-label")).getText(), tile.findElement(By.className("tile-value")).getText()));
        return byLabel;
    }

    /** A file dropped on the element the way a browser delivers a drag and drop from the desktop. */
    private void dropFile(By target, String name, String content) {
        browser.script("""
                const [zone, name, content] = arguments;
                const transfer = new DataTransfer();
                transfer.items.add(new File([content], name, {type: 'text/csv'}));
                for (const type of ['dragenter', 'dragover', 'drop']) {
                    zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
                }""", browser.find(target), name, content);
    }

    private List<List<String>> rows(By by) {
        return browser.all(by).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).toList())
                .collect(Collectors.toList());
    }
}
