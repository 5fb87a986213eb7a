package dev.couponbook.server.embedded;

import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import dev.couponbook.embedded.mongo.StoreOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Chooses, for MongoDB, Redis and AMQP independently, between an external server (its URL is
 * configured: {@code MONGODB_URI}, {@code REDIS_URL}, {@code AMQP_URL}) and an in-process one
 * started here on a free port (MongoDB's can be fixed: {@link InfrastructureProperties.Embedded#mongoPort()}). Either
 * way the application then talks to it through the ordinary Spring Boot clients, so both modes run
 * the same code paths.
 *
 * <p>With {@code couponbook.infrastructure.prefer-local-services=true} (the test suite sets it
 * under {@code CI=true}), an unconfigured Redis or AMQP is first looked for on its default
 * loopback port. The embedded servers are registered before any other bean, so the context
 * stops them after everything that uses them.
 */
public class EmbeddedInfrastructure implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedInfrastructure.class);
    private static final int DEFAULT_REDIS_PORT = 6379;
    private static final int DEFAULT_AMQP_PORT = 5672;
    /** The embedded MongoDB's address, set only when one was started, for the start-up log's mongosh hint. */
    public static final String EMBEDDED_MONGO_URI = "couponbook.embedded.started-mongo-uri";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        Map<String, Object> resolved = new HashMap<>();
        InfrastructureProperties settings = Binder.get(env).bindOrCreate("couponbook", InfrastructureProperties.class);
        if (env.getProperty("couponbook.namespace") == null) {
            boolean isolated = settings.namespacePerRun();
            resolved.put("couponbook.namespace", isolated ? "t" + UUID.randomUUID().toString().substring(0, 8) : "cb");
            // A namespace made for this run is this run's alone to clean up (RunNamespaceCleanup).
            resolved.put(RunNamespaceCleanup.OWNED, isolated);
        }
        boolean preferLocal = settings.infrastructure().preferLocalServices();

        String database = settings.mongodb().database();
        String mongoUri = settings.mongodb().uri();
        if (mongoUri.isBlank()) {
            InfrastructureProperties.Embedded embedded = settings.embedded();
            Path dataDir = Path.of(embedded.dataDir()).toAbsolutePath();
            StoreOptions storeOptions = embedded.storeOptions();
            EmbeddedMongoServer mongo = embedded.persistent()
                    ? EmbeddedMongoServer.persistent(dataDir.resolve("mongo"), storeOptions, embedded.mongoPort())
                    : EmbeddedMongoServer.inMemory(embedded.mongoPort());
            register(beans, "embeddedMongoServer", mongo);
            mongoUri = mongo.connectionString(database);
            resolved.put(EMBEDDED_MONGO_URI, mongoUri);
            log.info("MongoDB: embedded mongo-java-server ({}) at {}", embedded.persistent() ? "RocksDB in " + dataDir.resolve("mongo")
                    + ", durability " + storeOptions.durability().name().toLowerCase(Locale.ROOT) : "in memory", mongoUri);
        } else {
            log.info("MongoDB: external at {}", redact(mongoUri));
        }
        resolved.put("spring.data.mongodb.uri", mongoUri);
        resolved.put("spring.data.mongodb.database", database);

        String redisUrl = settings.redis().url();
        if (redisUrl.isBlank() && preferLocal && reachable(DEFAULT_REDIS_PORT)) {
            redisUrl = "redis://127.0.0.1:" + DEFAULT_REDIS_PORT;
            log.info("Redis: local server at {}", redisUrl);
        } else if (redisUrl.isBlank()) {
            EmbeddedRedis redis = EmbeddedRedis.start();
            register(beans, "embeddedRedis", redis);
            redisUrl = redis.url();
            log.info("Redis: embedded redis-server at {}", redisUrl);
        } else {
            log.info("Redis: external at {}", redact(redisUrl));
        }
        resolved.put("spring.data.redis.url", redisUrl);

        String amqpUrl = settings.amqp().url();
        if (amqpUrl.isBlank() && preferLocal && reachable(DEFAULT_AMQP_PORT)) {
            amqpUrl = "amqp://guest:guest@127.0.0.1:" + DEFAULT_AMQP_PORT;
            log.info("AMQP: local broker at {}", redact(amqpUrl));
        } else if (amqpUrl.isBlank()) {
            EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
            register(beans, "embeddedAmqpBroker", broker);
            amqpUrl = broker.url();
            log.info("AMQP: embedded Qpid Broker-J at {}", redact(amqpUrl));
        } else {
            log.info("AMQP: external at {}", redact(amqpUrl));
        }
        resolved.put("spring.rabbitmq.addresses", amqpUrl);

        env.getPropertySources().addFirst(new MapPropertySource("couponbookInfrastructure", resolved));
    }

    private static void register(DefaultListableBeanFactory beans, String name, AutoCloseable server) {
        beans.registerSingleton(name, server);
        beans.registerDisposableBean(name, server::close);
    }

    private static boolean reachable(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Hides credentials so the one line per component can be logged safely. */
    static String redact(String url) {
        try {
            URI uri = URI.create(url.split(",")[0]);
            return uri.getUserInfo() == null ? url : url.replace(uri.getRawUserInfo(), "***");
        } catch (IllegalArgumentException e) {
            return "(unparseable URL)";
        }
    }
}
