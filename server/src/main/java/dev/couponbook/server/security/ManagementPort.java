package dev.couponbook.server.security;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The port the management server actually listens on (also when configured as 0), or -1 when
 * management shares the API's port. Its child context's start event reaches this, the parent.
 */
@Component
class ManagementPort {

    private volatile int port = -1;

    @EventListener
    void on(WebServerInitializedEvent started) {
        if ("management".equals(started.getApplicationContext().getServerNamespace())) {
            port = started.getWebServer().getPort();
        }
    }

    boolean is(int localPort) {
        return port > 0 && port == localPort;
    }
}
