package dev.couponbook.command.code;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code POST /api/v1/coupon-books/{bookId}/codes}: admins add their own codes to a book, as a JSON
 * array of codes or {@code {code, expiresAt, metadata}} objects, or one code per line with an
 * optional {@code expiresAt} column.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Codes")
public class CodeUploadController {

    private final CodeUploadService uploads;

    public CodeUploadController(CodeUploadService uploads) {
        this.uploads = uploads;
    }

    /** Streams the body: the request is read as it arrives, never held whole in memory. */
    @PostMapping(path = "/api/v1/coupon-books/{bookId}/codes",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv", MediaType.TEXT_PLAIN_VALUE})
    public UploadReport upload(@PathVariable String bookId, HttpServletRequest request) throws IOException {
        boolean json = MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(request.getContentType()));
        return uploads.upload(bookId, request.getInputStream(), json);
    }
}
