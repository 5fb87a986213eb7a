package dev.couponbook.server;

import dev.couponbook.command.NamespaceProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * The runnable service: assembles the command, query and generation roles chosen by {@code couponbook.roles}.
 * Each role's settings are bound with its beans ({@code Roles}); the Redis key namespace here, since
 * every role's rate limits use it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(NamespaceProperties.class)
@EnableScheduling
public class CouponBookServer {

    public static void main(String[] args) {
        // Axon's update checker would call the vendor's server and write ~/.axoniq; opt in explicitly instead.
        System.setProperty("axoniq.update-checker.disabled",
                System.getProperty("axoniq.update-checker.disabled", "true"));
        SpringApplication.run(CouponBookServer.class, args);
    }

    /** The one source of "now": aggregates and handlers receive it, so tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
