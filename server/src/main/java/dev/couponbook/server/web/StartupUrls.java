package dev.couponbook.server.web;

import dev.couponbook.server.embedded.EmbeddedInfrastructure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Says at start where the API, Swagger UI and the console are, and the embedded MongoDB for mongosh, so nobody
 * has to guess a port.
 */
@Component
class StartupUrls {

    private static final Logger log = LoggerFactory.getLogger(StartupUrls.class);

    private final Environment environment;

    StartupUrls(Environment environment) {
        this.environment = environment;
    }

    @EventListener
    void on(WebServerInitializedEvent started) {
        if (started.getApplicationContext().getServerNamespace() != null) {
            return; // the management server
        }
        String base = "http://localhost:" + started.getWebServer().getPort();
        boolean docs = environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true);
        String mongo = environment.getProperty(EmbeddedInfrastructure.EMBEDDED_MONGO_URI);
        String mongosh = mongo == null ? "" : ", embedded MongoDB " + mongo;
        log.info("API {}/api/v1, Swagger UI {}, console {}/console/{}", base,
                docs ? base + "/swagger-ui.html" : "off (COUPONBOOK_API_DOCS)", base, mongosh);
    }
}
