package dev.couponbook.embedded.mongo;

import java.util.Locale;

/**
 * How the persistent embedded store treats acknowledged writes.
 *
 * @param durability when a write is acknowledged
 */
public record StoreOptions(Durability durability) {

    public StoreOptions {
        if (durability == null) {
            throw new IllegalArgumentException("durability must be set");
        }
    }

    public static StoreOptions defaults() {
        return new StoreOptions(Durability.FSYNC);
    }

    /** When a write is acknowledged to the client. */
    public enum Durability {
        /** Once the write-ahead log holding it is fsynced: survives a power loss. One fsync serves all waiting writes. */
        FSYNC,
        /** Once the write-ahead log holding it is handed to the operating system: survives the process, not the machine. */
        OS;

        /** Reads the setting's value, {@code fsync} or {@code os}, in any case. */
        public static Durability parse(String value) {
            String normalized = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
            for (Durability durability : values()) {
                if (durability.name().equals(normalized)) {
                    return durability;
                }
            }
            throw new IllegalArgumentException("Unknown durability '" + value + "': use fsync or os");
        }
    }
}
