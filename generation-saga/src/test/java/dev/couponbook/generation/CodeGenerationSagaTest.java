package dev.couponbook.generation;

import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeGenerationCompleted;
import dev.couponbook.messages.couponbook.CodeGenerationFailed;
import dev.couponbook.messages.couponbook.CodeGenerationRequested;
import dev.couponbook.messages.couponbook.CompleteCodeGeneration;
import dev.couponbook.messages.couponbook.FailCodeGeneration;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.instanceOf;

/** The generation saga's paths: publishing by window, completion, re-publication after a timeout, and failure. */
class CodeGenerationSagaTest {

    private static final String BOOK = "book-1";
    private static final String JOB = "job-1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final GenerationSettings SETTINGS = new GenerationSettings(TIMEOUT, 4, 2, null, null, null, null);

    private SagaTestFixture<CodeGenerationSaga> fixture;
    private RecordingChunkPublisher publisher;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(CodeGenerationSaga.class);
        publisher = new RecordingChunkPublisher();
        fixture.registerResource(publisher);
        fixture.registerResource(SETTINGS);
    }

    private static CodeGenerationRequested requested(long count, int chunkSize) {
        return new CodeGenerationRequested(BOOK, JOB, count, "#{8}", chunkSize, (int) ((count + chunkSize - 1) / chunkSize));
    }

    private static CodeChunkGenerated chunk(int chunkNo) {
        return new CodeChunkGenerated(BOOK, JOB, chunkNo, List.of("CODE" + chunkNo));
    }

    @Test
    void canPublishTheFirstWindowOfChunksWhenAJobStarts() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requested(10, 1))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(TIMEOUT, CodeGenerationSaga.SWEEP)
                .expectNoDispatchedCommands();
        assertThat(publisher.rounds).containsExactly(List.of(0, 1, 2, 3));
    }

    @Test
    void canPublishMoreChunksAsChunksAreRecorded() {
        fixture.givenAPublished(requested(10, 1))
                .whenPublishingA(chunk(0))
                .expectNoDispatchedCommands();
        assertThat(publisher.rounds).containsExactly(List.of(0, 1, 2, 3), List.of(4));
    }

    @Test
    void canCompleteAJobWhenItsLastChunkIsRecorded() {
        fixture.givenAPublished(requested(3, 2))
                .andThenAPublished(chunk(1))
                .whenPublishingA(chunk(0))
                .expectDispatchedCommands(new CompleteCodeGeneration(BOOK, JOB));
    }

    @Test
    void canEndWhenTheJobIsCompleted() {
        fixture.givenAPublished(requested(3, 2))
                .andThenAPublished(chunk(0))
                .andThenAPublished(chunk(1))
                .whenPublishingA(new CodeGenerationCompleted(BOOK, JOB, 3))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canRepublishChunksStillUnrecordedAfterAWholeSweepInterval() {
        fixture.givenAPublished(requested(3, 1))
                .andThenAPublished(chunk(0))
                .whenTimeElapses(TIMEOUT.multipliedBy(2))
                .expectTriggeredDeadlinesWithName(CodeGenerationSaga.SWEEP, CodeGenerationSaga.SWEEP)
                .expectScheduledDeadlineWithName(TIMEOUT, CodeGenerationSaga.SWEEP)
                .expectNoDispatchedCommands();
        assertThat(publisher.rounds).containsExactly(List.of(0, 1, 2), List.of(1, 2));
    }

    @Test
    void cannotRepublishAChunkRecordedBeforeItTimedOut() throws Exception {
        fixture.givenAPublished(requested(3, 1))
                .andThenAPublished(chunk(0))
                .andThenTimeElapses(TIMEOUT)
                .andThenAPublished(chunk(1))
                .whenTimeElapses(TIMEOUT)
                .expectNoDispatchedCommands();
        assertThat(publisher.rounds).containsExactly(List.of(0, 1, 2), List.of(2));
    }

    @Test
    void canKeepAJobPendingWhileTheBrokerIsUnreachable() {
        publisher.brokerDown = true;
        fixture.givenAPublished(requested(10, 1))
                .whenTimeElapses(TIMEOUT)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(TIMEOUT, CodeGenerationSaga.SWEEP)
                .expectNoDispatchedCommands();
        assertThat(publisher.rounds).isEmpty();
    }

    @Test
    void canPublishOnceTheBrokerIsBack() {
        publisher.brokerDown = true;
        fixture.givenAPublished(requested(10, 1));
        publisher.brokerDown = false;
        fixture.whenTimeElapses(TIMEOUT)
                .expectSuccessfulHandlerExecution()
                .expectNoDispatchedCommands();
        assertThat(publisher.rounds).containsExactly(List.of(0, 1, 2, 3));
    }

    @Test
    void canFailAJobWhoseChunksAreNeverRecorded() {
        fixture.givenAPublished(requested(3, 1))
                .whenTimeElapses(TIMEOUT.multipliedBy(6))
                .expectDispatchedCommandsMatching(Matchers.exactSequenceOf(
                        Matchers.messageWithPayload(instanceOf(FailCodeGeneration.class)),
                        Matchers.andNoMore()));
    }

    @Test
    void canEndWhenTheJobFails() {
        fixture.givenAPublished(requested(3, 1))
                .whenPublishingA(new CodeGenerationFailed(BOOK, JOB, "poison chunk 2", 0))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void canIgnoreChunksOfOtherJobs() {
        fixture.givenAPublished(requested(2, 1))
                .whenPublishingA(new CodeChunkGenerated(BOOK, "other-job", 0, List.of("X")))
                .expectNoDispatchedCommands()
                .expectAssociationWith("jobId", JOB)
                .expectNoAssociationWith("jobId", "other-job");
        assertThat(publisher.rounds).hasSize(1);
    }
}
