package dev.couponbook.server.serviceaccount;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory runs subscribing, so an account's change is in MongoDB once the request that made it is answered. */
@Configuration(proxyBeanMethods = false)
public class ServiceAccountProcessing {

    @Bean
    ConfigurerModule serviceAccountDirectoryProcessor() {
        return configurer -> configurer.eventProcessing(processing ->
                processing.registerSubscribingEventProcessor(ServiceAccountDirectory.PROCESSING_GROUP));
    }
}
