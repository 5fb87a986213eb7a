package dev.couponbook.messages.couponbook;

import java.time.Instant;
import java.util.Map;

/**
 * What an upload or a generation job says about one code besides the code itself: when it
 * expires (null: never on its own) and its free-form metadata (string keys and values, empty
 * when none).
 */
public record CodeDetails(Instant expiresAt, Map<String, String> metadata) {

    public static final CodeDetails NONE = new CodeDetails(null, Map.of());

    public CodeDetails {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public boolean isEmpty() {
        return expiresAt == null && metadata.isEmpty();
    }
}
