package dev.couponbook.command.code;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.command.couponbook.BookIds;
import dev.couponbook.command.couponbook.Books;
import dev.couponbook.command.couponbook.CouponBook;
import dev.couponbook.command.pool.CodePool;
import dev.couponbook.command.RedisUnavailable;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.couponbook.UploadCodes;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Adds uploaded codes to a book while reading the body, in batches of at most
 * {@code couponbook.upload.batch-size} codes (default 10,000, the book's limit per batch). Each
 * batch is claimed in the global code registry by the book, so a code used anywhere is refused
 * with a reason, never silently dropped. Accepted codes go straight into the book's pool too, so
 * they can be assigned as soon as the upload is answered. A code's expiry and metadata travel with
 * its batch; an expiry that is not in the future is refused with the code.
 */
@Service
public class CodeUploadService {

    private static final Logger log = LoggerFactory.getLogger(CodeUploadService.class);
    private static final int SHOWN_CODE_LENGTH = 80;

    private final CommandGateway commands;
    private final CodeRegistry registry;
    private final Books books;
    private final CodePool pool;
    private final ObjectMapper json;
    private final Clock clock;
    private final int batchSize;
    private final int maxErrors;

    public CodeUploadService(CommandGateway commands, CodeRegistry registry, Books books, CodePool pool,
                             ObjectMapper json, Clock clock,
                             UploadProperties settings) {
        this.commands = commands;
        this.registry = registry;
        this.books = books;
        this.pool = pool;
        this.json = json;
        this.clock = clock;
        this.batchSize = settings.batchSize();
        this.maxErrors = settings.maxErrors();
    }

    /** Reads codes from {@code body}, a JSON array when {@code jsonArray}, else one code per line. */
    public UploadReport upload(String bookId, InputStream body, boolean jsonArray) {
        books.current(BookIds.valid(bookId));
        Upload upload = new Upload(bookId, UUID.randomUUID().toString());
        try (UploadedCodes codes = jsonArray ? UploadedCodes.jsonArray(body, json.getFactory()) : UploadedCodes.lines(body)) {
            UploadedCodes.Entry entry;
            while ((entry = codes.next()) != null) {
                upload.offer(entry);
            }
        } catch (UploadedCodes.Malformed e) {
            upload.brokeOff(e.position + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        upload.flush();
        return upload.report();
    }

    /** The state of one upload in progress. */
    private final class Upload {
        private final String bookId;
        private final String uploadId;
        private final Map<String, Long> batch = new LinkedHashMap<>();
        private final Map<String, CodeDetails> details = new HashMap<>();
        private final List<UploadReport.CodeError> errors = new ArrayList<>();
        private int batchNo;
        private long received;
        private long accepted;
        private long rejected;
        private long omitted;
        private boolean complete = true;

        private Upload(String bookId, String uploadId) {
            this.bookId = bookId;
            this.uploadId = uploadId;
        }

        void offer(UploadedCodes.Entry entry) {
            received++;
            String code = entry.text();
            Instant expiresAt = entry.details().expiresAt();
            if (!CodeRules.acceptable(code)) {
                reject(entry.position(), code, UploadReport.Reason.INVALID_CODE);
            } else if (entry.problem() != null) {
                reject(entry.position(), code, entry.problem());
            } else if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
                reject(entry.position(), code, UploadReport.Reason.INVALID_EXPIRY);
            } else if (batch.putIfAbsent(code, entry.position()) != null) {
                reject(entry.position(), code, UploadReport.Reason.DUPLICATE_IN_UPLOAD);
            } else {
                if (!entry.details().isEmpty()) {
                    details.put(code, entry.details());
                }
                if (batch.size() >= batchSize) {
                    flush();
                }
            }
        }

        void brokeOff(long position) {
            complete = false;
            list(position, null, UploadReport.Reason.MALFORMED_INPUT);
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<String> codes = List.copyOf(batch.keySet());
            Map<String, CodeRegistry.Refusal> refused = commands.sendAndWait(new UploadCodes(bookId, uploadId, batchNo++, codes, Map.copyOf(details)));
            Map<String, String> owners = refused.containsValue(CodeRegistry.Refusal.USED_BY_THIS_BOOK)
                    ? registry.batchesOf(refused.keySet()) : Map.of();
            refused.forEach((code, refusal) -> {
                String owner = owners.get(code);
                UploadReport.Reason reason = refusal == CodeRegistry.Refusal.USED_BY_ANOTHER_BOOK
                        ? UploadReport.Reason.USED_BY_ANOTHER_BOOK
                        : owner != null && CouponBook.isBatchOfUpload(owner, uploadId)
                        ? UploadReport.Reason.DUPLICATE_IN_UPLOAD : UploadReport.Reason.USED_BY_THIS_BOOK;
                reject(batch.get(code), code, reason);
            });
            List<String> added = refused.isEmpty() ? codes
                    : codes.stream().filter(code -> !refused.containsKey(code)).toList();
            accepted += added.size();
            batch.clear();
            details.clear();
            try {
                pool.add(bookId, added);
            } catch (RedisUnavailable e) {
                log.warn("Uploaded codes of book {} reach its pool only through the event stream: {}", bookId, e.getMessage());
            }
        }

        private void reject(long position, String code, UploadReport.Reason reason) {
            rejected++;
            list(position, code, reason);
        }

        private void list(long position, String code, UploadReport.Reason reason) {
            if (errors.size() < maxErrors) {
                String shown = code == null || code.length() <= SHOWN_CODE_LENGTH ? code : code.substring(0, SHOWN_CODE_LENGTH) + "…";
                errors.add(new UploadReport.CodeError(position, shown, reason));
            } else {
                omitted++;
            }
        }

        UploadReport report() {
            return new UploadReport(bookId, uploadId, received, accepted, rejected, List.copyOf(errors), omitted, complete);
        }
    }
}
