package dev.couponbook.server.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.couponbook.messages.couponbook.CodesUploaded;
import org.springframework.stereotype.Component;

/**
 * Reads revision "1" of {@link CodesUploaded}, whose codes were plain strings, as revision "2",
 * whose {@code details} (expiry and metadata per code) is then empty.
 */
@Component
public class CodesUploadedUpcaster extends PayloadRepair {

    public CodesUploadedUpcaster() {
        super(CodesUploaded.class, "1", "2", CodesUploadedUpcaster::noDetails);
    }

    private static ObjectNode noDetails(ObjectNode event) {
        if (!event.has("details")) {
            event.putObject("details");
        }
        return event;
    }
}
