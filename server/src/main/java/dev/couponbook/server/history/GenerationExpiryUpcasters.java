package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import dev.couponbook.messages.couponbook.CodeGenerationRequested;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads revision "1" of the generation events, from before a job could give its codes an expiry,
 * as revision "2": the payloads are unchanged, and the missing {@code expiresAt} reads as null.
 */
@Configuration(proxyBeanMethods = false)
public class GenerationExpiryUpcasters {

    @Bean
    PayloadRepair codeGenerationRequestedUpcaster() {
        return new PayloadRepair(CodeGenerationRequested.class, "1", "2", event -> event) {
        };
    }

    @Bean
    PayloadRepair codeChunkGeneratedUpcaster() {
        return new PayloadRepair(CodeChunkGenerated.class, "1", "2", event -> event) {
        };
    }
}
