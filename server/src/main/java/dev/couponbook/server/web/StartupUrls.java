package dev.couponbook.server.web;

import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
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
    private final ObjectProvider<EmbeddedMongoServer> embeddedMongo;

    StartupUrls(Environment environment, ObjectProvider<EmbeddedMongoServer> embeddedMongo) {
        this.environment = environment;
        this.embeddedMongo = embeddedMongo;
    }

    @EventListener
    void on(WebServerInitializedEvent started) {
        if (started.getApplicationContext().getServerNamespace() != null) {
            return; // the management server
        }
        String base = "http://localhost:" + started.getWebServer().getPort();
        boolean docs = environment.getProperty("springdoc.swagger-ui.enabled", Boolean.class, true);
        EmbeddedMongoServer mongo = embeddedMongo.getIfAvailable();
        String mongosh = mongo == null ? ""
                : ", embedded MongoDB " + mongo.connectionString(environment.getProperty("spring.data.mongodb.database"));
        log.info("API {}/api/v1, Swagger UI {}, console {}/console/{}", base,
                docs ? base + "/swagger-ui.html" : "off (COUPONBOOK_API_DOCS)", base, mongosh);
    }
}
