package dev.couponbook.command.code;

import java.util.List;

/**
 * The outcome of an upload: every code received was either accepted or rejected with a reason.
 * {@code errors} lists the first rejections; {@code errorsOmitted} counts the ones left out.
 * {@code complete} is false when the body broke off; codes before that point were processed.
 */
public record UploadReport(String bookId, String uploadId, long received, long accepted, long rejected,
                           List<CodeError> errors, long errorsOmitted, boolean complete) {

    /** Why one code of the upload was not added. */
    public enum Reason {
        INVALID_CODE, DUPLICATE_IN_UPLOAD, USED_BY_THIS_BOOK, USED_BY_ANOTHER_BOOK, MALFORMED_INPUT,
        /** {@code expiresAt} is not an ISO-8601 instant, or not in the future. */
        INVALID_EXPIRY,
        /** {@code metadata} is not an object of storable string keys and values within 4 KB. */
        INVALID_METADATA
    }

    /** One rejected code: its line (text) or 1-based index (JSON), the code as sent (shortened) and the reason. */
    public record CodeError(long position, String code, Reason reason) {
    }
}
