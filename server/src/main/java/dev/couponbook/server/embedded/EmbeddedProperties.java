package dev.couponbook.server.embedded;

import dev.couponbook.embedded.mongo.StoreOptions;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The embedded MongoDB, used when no {@code MONGODB_URI} is set. Bound by {@link EmbeddedInfrastructure} before the
 * context's beans exist, because the server must listen before anything connects to it.
 *
 * @param persistent keep the data in {@code dataDir} (RocksDB), or only in memory
 * @param dataDir where the persistent store lives ({@code mongo/} below it)
 * @param durability {@code fsync} or {@code os}: when a write is acknowledged (see {@link StoreOptions.Durability})
 * @param mongoPort the loopback port it listens on, so an analyst's mongosh can connect to a known address; 0 picks a
 *                  free one at each start
 */
@ConfigurationProperties("couponbook.embedded")
public record EmbeddedProperties(
        @DefaultValue("true") boolean persistent,
        @DefaultValue("data") Path dataDir,
        @DefaultValue("fsync") String durability,
        @DefaultValue("0") int mongoPort) {

    StoreOptions storeOptions() {
        return new StoreOptions(StoreOptions.Durability.parse(durability));
    }
}
