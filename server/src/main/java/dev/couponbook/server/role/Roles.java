package dev.couponbook.server.role;

import dev.couponbook.command.code.CodeRegistry;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** Brings in each role's beans (controllers, aggregates, projections, sagas, workers) only when the instance runs that role. */
final class Roles {

    private Roles() {
    }

    /**
     * The aggregates and the code registry they consult. Every role gets them: the command bus
     * is local to each process, so a generation worker records its chunks through its own copy
     * of the model, serialised against the other instances by the event store.
     */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(basePackages = "dev.couponbook.command", useDefaultFilters = false, includeFilters = {
            @ComponentScan.Filter(Aggregate.class),
            @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = CodeRegistry.class)})
    static class DomainModel {
    }

    /** The command API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole("command")
    @ComponentScan("dev.couponbook.command")
    @ConfigurationPropertiesScan("dev.couponbook.command")
    static class CommandRole {
    }

    /** Projections, query handlers and the query and audit API. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole("query")
    @ComponentScan("dev.couponbook.query")
    static class QueryRole {
    }

    /** The generation saga and worker. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnRole("generation")
    @ComponentScan("dev.couponbook.generation")
    @ConfigurationPropertiesScan("dev.couponbook.generation")
    static class GenerationRole {
    }
}
