package dev.couponbook.server.embedded;

import dev.couponbook.embedded.mongo.StoreOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which MongoDB, Redis and AMQP the service uses ({@code couponbook.*}), read by
 * {@link EmbeddedInfrastructure} before the context starts. A blank value (an unset variable that
 * application.yml maps) is the default.
 *
 * @param mongodb            the MongoDB to use
 * @param redis              the Redis to use
 * @param amqp               the AMQP broker to use
 * @param embedded           how the embedded MongoDB stores its data
 * @param infrastructure     where to look for servers before starting embedded ones
 * @param namespacePerRun    without {@code couponbook.namespace}, make one for this run alone and clean it up at shutdown
 */
@ConfigurationProperties("couponbook")
public record InfrastructureProperties(Mongodb mongodb, Server redis, Server amqp, Embedded embedded,
                                       Infrastructure infrastructure, Boolean namespacePerRun) {

    public InfrastructureProperties {
        mongodb = mongodb == null ? new Mongodb(null, null) : mongodb;
        redis = redis == null ? new Server(null) : redis;
        amqp = amqp == null ? new Server(null) : amqp;
        embedded = embedded == null ? new Embedded(null, null, null, null) : embedded;
        infrastructure = infrastructure == null ? new Infrastructure(null) : infrastructure;
        namespacePerRun = namespacePerRun != null && namespacePerRun;
    }

    /**
     * @param uri      an external server; blank: the embedded one
     * @param database the service's database
     */
    public record Mongodb(String uri, String database) {

        public Mongodb {
            uri = blankAs(uri, "");
            database = blankAs(database, "couponbook");
        }
    }

    /** @param url an external server; blank: a local or embedded one */
    public record Server(String url) {

        public Server {
            url = blankAs(url, "");
        }
    }

    /**
     * @param dataDir    where the embedded MongoDB keeps its files
     * @param persistent on disk; {@code false}: in memory
     * @param durability {@code fsync}: a write is acknowledged once fsynced; {@code os}: once handed to the OS
     * @param mongoPort  the loopback port it listens on, so an analyst's mongosh can connect to a known address;
     *                   0 picks a free one at each start
     */
    public record Embedded(String dataDir, Boolean persistent, String durability, Integer mongoPort) {

        public Embedded {
            dataDir = blankAs(dataDir, "data");
            persistent = persistent == null || persistent;
            durability = blankAs(durability, "fsync");
            mongoPort = mongoPort == null ? 0 : mongoPort;
        }

        StoreOptions storeOptions() {
            return new StoreOptions(StoreOptions.Durability.parse(durability));
        }
    }

    /** @param preferLocalServices without a URL, use a Redis or broker on its default loopback port if one answers */
    public record Infrastructure(Boolean preferLocalServices) {

        public Infrastructure {
            preferLocalServices = preferLocalServices != null && preferLocalServices;
        }
    }

    private static String blankAs(String value, String otherwise) {
        return value == null || value.isBlank() ? otherwise : value;
    }
}
