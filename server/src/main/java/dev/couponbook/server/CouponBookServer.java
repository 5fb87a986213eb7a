package dev.couponbook.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The runnable service: assembles the command, query and generation roles chosen by {@code couponbook.roles}. */
@SpringBootApplication
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
