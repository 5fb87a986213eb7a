package dev.couponbook.generation;

/** The body of a chunk message: generate {@code size} codes of {@code pattern} as chunk {@code chunkNo} of a job. */
public record ChunkOrder(String bookId, String jobId, int chunkNo, int size, String pattern) {

    /** Whether every field a worker needs is present. */
    boolean complete() {
        return bookId != null && jobId != null && chunkNo >= 0 && size > 0 && pattern != null;
    }
}
