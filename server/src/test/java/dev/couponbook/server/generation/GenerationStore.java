package dev.couponbook.server.generation;

import com.mongodb.client.model.Filters;
import dev.couponbook.messages.AggregateIds;
import dev.couponbook.messages.couponbook.CodeChunkGenerated;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Looks behind the API at what a job left in the store: registry claims and recorded chunk events. */
final class GenerationStore {

    private final MongoTemplate mongo;

    GenerationStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The codes the global registry says this book owns. */
    Set<String> claimedBy(String bookId) {
        Set<String> codes = new HashSet<>();
        mongo.getCollection("code_registry").find(Filters.eq("bookId", bookId))
                .forEach(claim -> codes.add(claim.getString("_id")));
        return codes;
    }

    /** The chunk numbers of the job's CodeChunkGenerated events, one entry per stored event. */
    List<Integer> recordedChunks(String bookId, String jobId) {
        List<Integer> chunks = new ArrayList<>();
        mongo.getCollection("domainevents").find(Filters.and(
                        Filters.eq("aggregateIdentifier", AggregateIds.book(bookId)),
                        Filters.eq("payloadType", CodeChunkGenerated.class.getName())))
                .forEach(event -> {
                    Document payload = Document.parse(event.get("serializedPayload").toString());
                    if (jobId.equals(payload.getString("jobId"))) {
                        chunks.add(payload.getInteger("chunkNo"));
                    }
                });
        return chunks;
    }
}
