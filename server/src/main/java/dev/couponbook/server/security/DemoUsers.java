package dev.couponbook.server.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Seeds the four demo accounts (admin, user, auditor, analyst; password {@code Password1}) on
 * the first start of a store that has no accounts. On by default for the embedded default and
 * docker compose; production turns it off with {@code couponbook.security.seed-demo-users=false}.
 */
@Component
@ConditionalOnProperty(name = "couponbook.security.seed-demo-users", havingValue = "true")
class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
    static final String PASSWORD = "Password1";

    private final UserAccounts accounts;

    DemoUsers(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (accounts.count() > 0) {
            return;
        }
        accounts.createIfAbsent("admin@admin.com", PASSWORD, List.of("ADMIN"));
        accounts.createIfAbsent("user@user.com", PASSWORD, List.of("USER"));
        accounts.createIfAbsent("auditor@auditor.com", PASSWORD, List.of("AUDITOR"));
        accounts.createIfAbsent("analyst@analyst.com", PASSWORD, List.of("ANALYST"));
        log.info("Seeded demo accounts admin@admin.com, user@user.com, auditor@auditor.com, analyst@analyst.com");
    }
}
