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
    public enum Reason { INVALID_CODE, DUPLICATE_IN_UPLOAD, USED_BY_THIS_BOOK, USED_BY_ANOTHER_BOOK, MALFORMED_INPUT }

    /** One rejected code: its line (text) or 1-based index (JSON), the code as sent (shortened) and the reason. */
    public record CodeError(long position, String code, Reason reason) {
    }
}
