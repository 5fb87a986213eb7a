package dev.couponbook.server.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Rewrites one benchmark's section of docs/benchmarks.md and leaves the other sections as they are. */
final class BenchmarkReport {

    private BenchmarkReport() {
    }

    /** Replaces the section starting with {@code heading} (up to the next "## " heading) by {@code section}, or appends it. */
    static void replaceSection(Path report, String heading, String section) throws IOException {
        String existing = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n";
        int at = existing.indexOf(heading);
        String updated;
        if (at < 0) {
            updated = existing.stripTrailing() + "\n\n" + section;
        } else {
            int end = existing.indexOf("\n## ", at + heading.length());
            updated = existing.substring(0, at) + section + (end < 0 ? "" : existing.substring(end));
        }
        Files.writeString(report, updated);
    }
}
