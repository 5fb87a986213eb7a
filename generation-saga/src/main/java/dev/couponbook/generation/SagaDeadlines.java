package dev.couponbook.generation;

import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deadline manager behind the saga's sweeps, as a bean so saga handlers and
 * {@link GenerationRecovery} can ask for it. It keeps deadlines in memory; GenerationRecovery
 * reschedules them after a restart.
 */
@Configuration(proxyBeanMethods = false)
public class SagaDeadlines {

    @Bean
    DeadlineManager deadlineManager(org.axonframework.config.Configuration axon) {
        return SimpleDeadlineManager.builder().scopeAwareProvider(new ConfigurationScopeAwareProvider(axon)).build();
    }
}
