package dev.couponbook.server.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.couponbook.messages.code.CodePattern;
import dev.couponbook.server.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariant 7 at scale: a job of 200,000 codes records exactly that many distinct, matching, assignable codes. */
class LargeGenerationTest extends IntegrationTest {

    private static final int COUNT = 200_000;
    private static final String PATTERN = "BIG-#{8}";

    @Autowired
    private MongoTemplate mongo;

    @Test
    void canGenerateTwoHundredThousandDistinctAssignableCodes() {
        GenerationApi generation = new GenerationApi(api);
        GenerationStore store = new GenerationStore(mongo);
        String bookId = generation.createBook("Two hundred thousand");
        String jobId = generation.startJob(bookId, COUNT, PATTERN);

        JsonNode job = generation.awaitFinished(bookId, jobId, Duration.ofSeconds(120)).json();
        assertThat(job.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.get("generated").asLong()).isEqualTo(COUNT);
        assertThat(store.recordedChunks(bookId, jobId)).as("a large job is cut into 100 chunks")
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());

        generation.awaitCodes(bookId, COUNT);
        List<String> rows = generation.exportCsv(bookId);
        CodePattern pattern = CodePattern.parse(PATTERN);
        Set<String> exported = new HashSet<>(COUNT);
        for (String row : rows) {
            String code = row.substring(0, row.indexOf(','));
            assertThat(pattern.matches(code)).as(code).isTrue();
            assertThat(row).as("a fresh code is in the pool").isEqualTo(code + ",AVAILABLE,,,,0,,false,");
            exported.add(code);
        }
        assertThat(rows).hasSize(COUNT);
        assertThat(exported).hasSize(COUNT);
        assertThat(store.claimedBy(bookId)).as("every code is claimed by this book, and no other").isEqualTo(exported);
    }
}
