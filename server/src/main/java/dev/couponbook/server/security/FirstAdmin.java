package dev.couponbook.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.List;

/**
 * Creates one ADMIN account from configuration on the first start of a store that has no
 * accounts: how a production install, where demo accounts are refused, gets its first admin.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FirstAdmin.Settings.class)
class FirstAdmin {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    /** {@code couponbook.security.first-admin.email} and {@code .password}; nothing is created unless both are set. */
    @ConfigurationProperties("couponbook.security.first-admin")
    record Settings(String email, String password) {
        boolean given() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }

    private final UserAccounts accounts;
    private final Settings settings;

    FirstAdmin(UserAccounts accounts, Settings settings) {
        this.accounts = accounts;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void create() {
        if (settings.given() && accounts.count() == 0 && accounts.createIfAbsent(settings.email(), settings.password(), List.of("ADMIN"))) {
            log.info("Created the first admin account from couponbook.security.first-admin");
        }
    }
}
