package dev.couponbook.server.axon;

import java.lang.management.ManagementFactory;
import java.util.UUID;

/** This instance's identity in token claims and the instance registry. */
public record NodeId(String value) {

    static NodeId random() {
        return new NodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8));
    }
}
