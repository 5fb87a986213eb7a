package dev.couponbook.query.code;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.messages.couponbook.BookCodePage;
import dev.couponbook.messages.couponbook.BookCodeView;
import dev.couponbook.messages.couponbook.CouponBookView;
import dev.couponbook.messages.couponbook.FindBookCodes;
import dev.couponbook.messages.couponbook.FindCouponBook;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Exports a book's codes with their status so admins can print or hand them out: CSV streamed
 * row by row ({@code Accept: text/csv}, or once through a download ticket, for a browser), or JSON
 * one page at a time.
 */
@RestController
@Validated
@RequestMapping("/api/v1/coupon-books/{bookId}/codes")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Code export")
public class BookCodeExportController {

    static final String TEXT_CSV = "text/csv";
    private static final int WRITE_BUFFER = 64 * 1024;
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final QueryGateway queries;
    private final BookCodeQueries codes;
    private final DownloadTickets tickets;
    private final ObjectMapper json;

    public BookCodeExportController(QueryGateway queries, BookCodeQueries codes, DownloadTickets tickets, ObjectMapper json) {
        this.queries = queries;
        this.codes = codes;
        this.tickets = tickets;
        this.json = json;
    }

    /** Where a browser can fetch the CSV export once, within a minute, without a token. */
    public record CodeDownload(String url, Instant expiresAt) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public BookCodePage page(@PathVariable String bookId,
                             @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                             @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        requireBook(bookId);
        return queries.query(new FindBookCodes(bookId, page, size), ResponseTypes.instanceOf(BookCodePage.class)).join();
    }

    /**
     * Written straight to the response as the cursor advances, rather than through an async
     * {@code StreamingResponseBody}, whose container timeout (30 s on Tomcat) would cut off the
     * export of a large book.
     */
    @GetMapping(produces = TEXT_CSV)
    public void csv(@PathVariable String bookId, HttpServletResponse response) throws IOException {
        requireBook(bookId);
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"codes-" + bookId + ".csv\"");
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), WRITE_BUFFER)) {
            out.write("code,status,userId,assignedAt,lockedUntil,redemptions,expiresAt,disabled,metadata\r\n");
            codes.forEach(bookId, code -> writeRow(out, code));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @PostMapping("/downloads")
    @ResponseStatus(HttpStatus.CREATED)
    public CodeDownload download(@PathVariable String bookId, @AuthenticationPrincipal Jwt jwt) {
        requireBook(bookId);
        DownloadTickets.Ticket ticket = tickets.issue(bookId, jwt.getSubject());
        return new CodeDownload("/api/v1/coupon-books/" + bookId + "/codes/downloads/" + ticket.id(), ticket.expiresAt());
    }

    /** The ticket is the credential here: it was issued to an ADMIN, names this book and works once. */
    @GetMapping(path = "/downloads/{ticket}", produces = TEXT_CSV)
    @PreAuthorize("permitAll()")
    public void downloadCsv(@PathVariable String bookId, @PathVariable String ticket, HttpServletResponse response)
            throws IOException {
        if (!tickets.redeem(ticket, bookId)) {
            throw new DomainException(Refusal.DOWNLOAD_NOT_FOUND);
        }
        csv(bookId, response);
    }

    private void requireBook(String bookId) {
        CouponBookView book = queries.query(new FindCouponBook(bookId), ResponseTypes.instanceOf(CouponBookView.class)).join();
        if (book == null) {
            throw new DomainException(Refusal.BOOK_NOT_FOUND);
        }
    }

    private void writeRow(Writer out, BookCodeView code) {
        try {
            out.write(field(code.code()));
            out.write(',');
            out.write(code.status().name());
            out.write(',');
            out.write(field(code.userId()));
            out.write(',');
            out.write(time(code.assignedAt()));
            out.write(',');
            out.write(time(code.lockedUntil()));
            out.write(',');
            out.write(Integer.toString(code.redemptions()));
            out.write(',');
            out.write(time(code.expiresAt()));
            out.write(',');
            out.write(Boolean.toString(code.disabled()));
            out.write(',');
            out.write(code.metadata().isEmpty() ? "" : field(json.writeValueAsString(code.metadata())));
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 4180 quoting, after OWASP's defence against CSV injection: a cell that a spreadsheet
     * would run as a formula (starting with {@code = + - @}, tab or carriage return, as a user id
     * may) is prefixed with {@code '} and quoted, so it is shown as text.
     */
    private static String field(String value) {
        if (value == null) {
            return "";
        }
        boolean formula = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0;
        String text = formula ? "'" + value : value;
        if (!formula && text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static String time(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
