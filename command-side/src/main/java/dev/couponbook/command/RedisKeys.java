package dev.couponbook.command;

import org.springframework.stereotype.Component;

/** Names every Redis key of this deployment under {@code couponbook.namespace}, so deployments and test runs sharing a Redis never see each other's keys. */
@Component
public class RedisKeys {

    private final String namespace;

    public RedisKeys(NamespaceProperties settings) {
        this.namespace = settings.namespace();
    }

    public String pool(String bookId) {
        return namespace + ":pool:" + bookId;
    }

    /** Matches every book's pool. */
    public String allPools() {
        return namespace + ":pool:*";
    }

    /** Present while the pools reflect the event history; Redis losing it means the pools must be rebuilt. */
    public String poolMarker() {
        return namespace + ":pool-marker";
    }

    public String lock(String code) {
        return namespace + ":lock:" + code;
    }

    public String idempotency(String userId, String key) {
        return namespace + ":idem:" + userId + ":" + key;
    }
}
