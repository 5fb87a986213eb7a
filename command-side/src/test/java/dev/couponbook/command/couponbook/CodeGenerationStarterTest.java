package dev.couponbook.command.couponbook;

import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CodeGenerationStarterTest {

    private final CodeGenerationStarter starter = new CodeGenerationStarter(
            DefaultCommandGateway.builder().commandBus(SimpleCommandBus.builder().build()).build(),
            new GenerationRequestProperties(null, null, null));

    @Test
    void canKeepSmallJobsInChunksOfTheSmallestSize() {
        assertThat(starter.chunkSizeFor(1)).isEqualTo(1000);
        assertThat(starter.chunkSizeFor(2500)).isEqualTo(1000);
        assertThat(starter.chunkSizeFor(100_000)).isEqualTo(1000);
    }

    @Test
    void canCutLargeJobsIntoAHundredChunks() {
        assertThat(starter.chunkSizeFor(200_000)).isEqualTo(2000);
        assertThat(starter.chunkSizeFor(1_000_000)).isEqualTo(10_000);
        assertThat(starter.chunkSizeFor(1_000_001)).as("rounded up, so there are never more than a hundred")
                .isEqualTo(10_000);
        assertThat(starter.chunkSizeFor(333_333)).isEqualTo(3334);
    }

    @Test
    void cannotExceedTheLargestChunkSize() {
        assertThat(starter.chunkSizeFor(10_000_000)).isEqualTo(10_000);
    }
}
