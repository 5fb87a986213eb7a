package dev.couponbook.command.couponbook;

import dev.couponbook.command.StorableMetadata;
import dev.couponbook.command.code.CodeRegistry;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.messages.couponbook.ActivateCouponBook;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.couponbook.CodeGenerationCompleted;
import dev.couponbook.messages.couponbook.CodeGenerationFailed;
import dev.couponbook.messages.couponbook.CodeGenerationRequested;
import dev.couponbook.messages.couponbook.CodesUploaded;
import dev.couponbook.messages.couponbook.CompleteCodeGeneration;
import dev.couponbook.messages.couponbook.CouponBookActivated;
import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookDeactivated;
import dev.couponbook.messages.couponbook.CouponBookTerms;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import dev.couponbook.messages.couponbook.CreateCouponBook;
import dev.couponbook.messages.couponbook.DeactivateCouponBook;
import dev.couponbook.messages.couponbook.FailCodeGeneration;
import dev.couponbook.messages.couponbook.RecordGeneratedCodes;
import dev.couponbook.messages.couponbook.RequestCodeGeneration;
import dev.couponbook.messages.couponbook.UpdateCouponBook;
import dev.couponbook.messages.couponbook.UploadCodes;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A coupon book: its terms, whether it is active, and which code batches (uploads and
 * generated chunks) it has recorded, so that a repeated batch is recorded only once.
 * The codes themselves are not kept in memory; their global uniqueness is claimed in the
 * {@link CodeRegistry} before a batch is applied.
 */
@Aggregate(cache = "couponBookCache")
public class CouponBook {

    static final int MAX_BATCH_SIZE = 10_000;

    @AggregateIdentifier
    private String id;
    private String bookId;
    private CouponBookTerms terms;
    private Map<String, String> metadata = Map.of();
    private boolean active;
    private final Set<String> recordedUploadBatches = new HashSet<>();
    private final Map<String, GenerationJob> jobs = new HashMap<>();

    protected CouponBook() {
    }

    @CommandHandler
    public CouponBook(CreateCouponBook command) {
        apply(new CouponBookCreated(command.bookId(), command.terms().validated(), command.active(),
                StorableMetadata.bounded(command.metadata())));
    }

    /** Changes the terms sent and replaces the metadata when sent; a change to nothing new records nothing. */
    @CommandHandler
    public UpdatedCouponBook handle(UpdateCouponBook command) {
        CouponBookTerms updated = command.changes().applyTo(terms).validated();
        Map<String, String> updatedMetadata = command.metadata() == null ? metadata : StorableMetadata.bounded(command.metadata());
        if (!updated.equals(terms) || !updatedMetadata.equals(metadata)) {
            apply(new CouponBookUpdated(bookId, updated, updatedMetadata));
        }
        return new UpdatedCouponBook(updated, updatedMetadata);
    }

    @CommandHandler
    public void handle(ActivateCouponBook command) {
        if (!active) {
            apply(new CouponBookActivated(bookId));
        }
    }

    @CommandHandler
    public void handle(DeactivateCouponBook command) {
        if (active) {
            apply(new CouponBookDeactivated(bookId));
        }
    }

    /** Records the batch's codes that no other batch owns; returns the refused ones with the reason. */
    @CommandHandler
    public Map<String, CodeRegistry.Refusal> handle(UploadCodes command, CodeRegistry registry) {
        requireBatchSize(command.codes().size());
        String batchId = uploadBatchKey(command.uploadId(), command.batchNo());
        if (recordedUploadBatches.contains(batchId)) {
            return Map.of();
        }
        Map<String, Instant> expiries = new HashMap<>();
        command.details().forEach((code, details) -> {
            if (details.expiresAt() != null) {
                expiries.put(code, details.expiresAt());
            }
        });
        CodeRegistry.Claim claim = registry.claim(bookId, batchId, command.codes(), expiries);
        if (!claim.claimed().isEmpty()) {
            Map<String, CodeDetails> details = new HashMap<>();
            claim.claimed().forEach(code -> {
                CodeDetails detail = command.details().get(code);
                if (detail != null && !detail.isEmpty()) {
                    details.put(code, detail);
                }
            });
            apply(new CodesUploaded(bookId, command.uploadId(), command.batchNo(), claim.claimed(), details));
        }
        return claim.refused();
    }

    /** Opens a job for the pattern asked for, else the book's, else the default; the event names the one used. */
    @CommandHandler
    public String handle(RequestCodeGeneration command) {
        GenerationJob existing = jobs.get(command.jobId());
        if (existing != null) {
            return command.jobId();
        }
        if (command.count() < 1) {
            throw new DomainException(Refusal.INVALID_COUNT);
        }
        if (command.chunkSize() < 1 || command.chunkSize() > MAX_BATCH_SIZE) {
            throw new DomainException(Refusal.INVALID_CHUNK_SIZE, "chunkSize must be between 1 and " + MAX_BATCH_SIZE);
        }
        long chunks = (command.count() + command.chunkSize() - 1) / command.chunkSize();
        if (chunks > Integer.MAX_VALUE) {
            throw new DomainException(Refusal.INVALID_COUNT, "count is too large");
        }
        CodePattern pattern = CodePattern.resolve(command.pattern(), terms.codePattern()).requireRoomFor(command.count());
        apply(new CodeGenerationRequested(bookId, command.jobId(), command.count(), pattern.toString(),
                command.chunkSize(), (int) chunks, command.expiresAt()));
        return command.jobId();
    }

    /**
     * Records a chunk when every one of its codes could be claimed. Otherwise records nothing and
     * returns the codes taken elsewhere, for the worker to replace; its other claims stay with the
     * chunk, so the retry keeps them.
     */
    @CommandHandler
    public List<String> handle(RecordGeneratedCodes command, CodeRegistry registry) {
        GenerationJob job = job(command.jobId());
        if (command.chunkNo() < 0 || command.chunkNo() >= job.chunkCount) {
            throw new DomainException(Refusal.INVALID_CHUNK, "chunk " + command.chunkNo() + " is not part of job " + command.jobId());
        }
        if (job.recorded.get(command.chunkNo()) || job.finished) {
            return List.of();
        }
        if (command.codes().size() != job.expectedSize(command.chunkNo())) {
            throw new DomainException(Refusal.INVALID_CHUNK, "chunk " + command.chunkNo() + " must hold "
                    + job.expectedSize(command.chunkNo()) + " codes");
        }
        Map<String, Instant> expiries = new HashMap<>();
        if (job.expiresAt != null) {
            command.codes().forEach(code -> expiries.put(code, job.expiresAt));
        }
        CodeRegistry.Claim claim = registry.claim(bookId, command.jobId() + "#" + command.chunkNo(), command.codes(), expiries);
        if (!claim.refused().isEmpty()) {
            return List.copyOf(claim.refused().keySet());
        }
        apply(new CodeChunkGenerated(bookId, command.jobId(), command.chunkNo(), command.codes(), job.expiresAt));
        return List.of();
    }

    @CommandHandler
    public void handle(CompleteCodeGeneration command) {
        GenerationJob job = job(command.jobId());
        if (job.finished) {
            return;
        }
        if (job.recorded.cardinality() != job.chunkCount) {
            throw new DomainException(Refusal.GENERATION_INCOMPLETE, "job " + command.jobId() + " has "
                    + (job.chunkCount - job.recorded.cardinality()) + " chunks left to record");
        }
        apply(new CodeGenerationCompleted(bookId, command.jobId(), job.generated));
    }

    @CommandHandler
    public void handle(FailCodeGeneration command) {
        GenerationJob job = job(command.jobId());
        if (!job.finished) {
            apply(new CodeGenerationFailed(bookId, command.jobId(), command.reason(), job.generated));
        }
    }

    private GenerationJob job(String jobId) {
        GenerationJob job = jobs.get(jobId);
        if (job == null) {
            throw new DomainException(Refusal.GENERATION_JOB_NOT_FOUND, "no generation job " + jobId + " in book " + bookId);
        }
        return job;
    }

    private static void requireBatchSize(int size) {
        if (size < 1 || size > MAX_BATCH_SIZE) {
            throw new DomainException(Refusal.INVALID_BATCH, "a batch holds between 1 and " + MAX_BATCH_SIZE + " codes");
        }
    }

    private static String uploadBatchKey(String uploadId, int batchNo) {
        return uploadId + "#" + batchNo;
    }

    /** Whether a code registry batch id names one of the batches of {@code uploadId}. */
    public static boolean isBatchOfUpload(String batchId, String uploadId) {
        return batchId.startsWith(uploadId + "#");
    }

    @EventSourcingHandler
    void on(CouponBookCreated event) {
        id = AggregateIds.book(event.bookId());
        bookId = event.bookId();
        terms = event.terms();
        metadata = metadataOf(event.metadata());
        active = event.active();
    }

    @EventSourcingHandler
    void on(CouponBookUpdated event) {
        terms = event.terms();
        metadata = metadataOf(event.metadata());
    }

    // Every stored revision reads with metadata (the upcasters give older ones {}); a payload without it means none.
    private static Map<String, String> metadataOf(Map<String, String> stored) {
        return stored == null ? Map.of() : stored;
    }

    @EventSourcingHandler
    void on(CouponBookActivated event) {
        active = true;
    }

    @EventSourcingHandler
    void on(CouponBookDeactivated event) {
        active = false;
    }

    @EventSourcingHandler
    void on(CodesUploaded event) {
        recordedUploadBatches.add(uploadBatchKey(event.uploadId(), event.batchNo()));
    }

    @EventSourcingHandler
    void on(CodeGenerationRequested event) {
        jobs.put(event.jobId(), new GenerationJob(event.count(), event.chunkSize(), event.chunkCount(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(CodeChunkGenerated event) {
        GenerationJob job = jobs.get(event.jobId());
        job.recorded.set(event.chunkNo());
        job.generated += event.codes().size();
    }

    @EventSourcingHandler
    void on(CodeGenerationCompleted event) {
        jobs.get(event.jobId()).finished = true;
    }

    @EventSourcingHandler
    void on(CodeGenerationFailed event) {
        jobs.get(event.jobId()).finished = true;
    }

    /** Progress of one generation job inside the book. */
    private static final class GenerationJob {
        private final long count;
        private final int chunkSize;
        private final int chunkCount;
        private final Instant expiresAt;
        private final BitSet recorded = new BitSet();
        private long generated;
        private boolean finished;

        private GenerationJob(long count, int chunkSize, int chunkCount, Instant expiresAt) {
            this.count = count;
            this.chunkSize = chunkSize;
            this.chunkCount = chunkCount;
            this.expiresAt = expiresAt;
        }

        private int expectedSize(int chunkNo) {
            return chunkNo == chunkCount - 1 ? (int) (count - (long) chunkSize * (chunkCount - 1)) : chunkSize;
        }

        // Value equality lets Axon's test fixture compare state built by commands and by sourcing.
        @Override
        public boolean equals(Object other) {
            return other instanceof GenerationJob job && count == job.count && chunkSize == job.chunkSize
                    && chunkCount == job.chunkCount && Objects.equals(expiresAt, job.expiresAt) && recorded.equals(job.recorded)
                    && generated == job.generated && finished == job.finished;
        }

        @Override
        public int hashCode() {
            return Objects.hash(count, chunkSize, chunkCount, expiresAt, recorded, generated, finished);
        }
    }
}
