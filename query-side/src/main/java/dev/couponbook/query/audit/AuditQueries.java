package dev.couponbook.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import dev.couponbook.messages.audit.AuditEvent;
import dev.couponbook.messages.audit.AuditEventPage;
import dev.couponbook.messages.audit.FindAggregateHistory;
import dev.couponbook.messages.audit.FindStoredEvents;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the event store's documents as they were recorded (payload and metadata as the stored
 * JSON, in their recorded revision), so auditors see the immutable history itself rather than a
 * projection of it. One aggregate's history is ordered by sequence number; the global stream by
 * the documents' {@code _id}, an ObjectId that only grows within one writing process and never
 * changes, which makes it a stable export cursor.
 */
@Component
public class AuditQueries {

    private static final EventEntryConfiguration EVENTS = EventEntryConfiguration.getDefault();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final MongoCollection<Document> events;
    private final ObjectMapper json;

    public AuditQueries(MongoTemplate axonMongoTemplate, ObjectMapper json) {
        this.events = axonMongoTemplate.eventCollection();
        this.json = json;
    }

    @QueryHandler
    public AuditEventPage handle(FindAggregateHistory query) {
        Bson filter = Filters.eq(EVENTS.aggregateIdentifierProperty(), query.aggregateId());
        if (query.after() != null) {
            filter = Filters.and(filter, Filters.gt(EVENTS.sequenceNumberProperty(), query.after()));
        }
        return page(filter, Sorts.ascending(EVENTS.sequenceNumberProperty()), query.limit(),
                event -> String.valueOf(((Number) event.get(EVENTS.sequenceNumberProperty())).longValue()));
    }

    @QueryHandler
    public AuditEventPage handle(FindStoredEvents query) {
        Bson filter = query.after() == null ? new Document() : Filters.gt("_id", new ObjectId(query.after()));
        return page(filter, Sorts.ascending("_id"), query.limit(), event -> event.getObjectId("_id").toHexString());
    }

    private AuditEventPage page(Bson filter, Bson order, int limit, Function<Document, String> cursor) {
        List<Document> found = events.find(filter).sort(order).limit(limit + 1).into(new ArrayList<>());
        List<AuditEvent> page = found.stream().limit(limit).map(event -> view(event, cursor.apply(event))).toList();
        String next = found.size() > limit ? page.get(page.size() - 1).cursor() : null;
        return new AuditEventPage(page, next);
    }

    private AuditEvent view(Document event, String cursor) {
        String aggregateId = event.getString(EVENTS.aggregateIdentifierProperty());
        String eventId = event.getString(EVENTS.eventIdentifierProperty());
        String aggregateType = event.getString(EVENTS.typeProperty());
        return new AuditEvent(
                eventId,
                aggregateType == null ? null : aggregateId,
                aggregateType,
                ((Number) event.get(EVENTS.sequenceNumberProperty())).longValue(),
                event.getString(EVENTS.payloadTypeProperty()),
                event.getString(EVENTS.payloadRevisionProperty()),
                DateTimeUtils.parseInstant(event.getString(EVENTS.timestampProperty())),
                parse(event.get(EVENTS.payloadProperty())),
                parseMetaData(event.get(EVENTS.metaDataProperty())),
                cursor);
    }

    private Object parse(Object stored) {
        try {
            return stored instanceof String text ? json.readTree(text) : stored;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> parseMetaData(Object stored) {
        try {
            return stored instanceof String text ? json.readValue(text, MAP) : Map.of();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
