package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.ErrorCode;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.exception.NoSuchCommandException;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * mongo-java-server's command handling on top of a {@link Storage}, with indexes that answer equality,
 * {@code $in}, range and sort queries. Databases that already hold data are opened right away.
 *
 * <p>It also answers what mongosh asks on connect ({@code hello}, {@code getParameter featureCompatibilityVersion},
 * an aggregation on {@code admin.atlascli}) as MongoDB does, and answers a command it does not know, as MongoDB
 * does, with a plain {@code CommandNotFound} error: mongo-java-server would log each as an ERROR with a stack
 * trace, three of them on every mongosh connect.
 */
public class IndexedBackend extends AbstractMongoBackend {

    private static final Logger log = LoggerFactory.getLogger(IndexedBackend.class);
    private static final String ADMIN = "admin";
    private static final String FEATURE_COMPATIBILITY_VERSION = "featureCompatibilityVersion";

    private final Storage<?> storage;

    IndexedBackend(Storage<?> storage) {
        this.storage = storage;
        for (String databaseName : storage.databaseNames()) {
            resolveDatabase(databaseName);
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return open(databaseName, getCursorRegistry(), storage);
    }

    private static <P> MongoDatabase open(String databaseName, CursorRegistry cursorRegistry, Storage<P> storage) {
        return new IndexedDatabase<>(databaseName, cursorRegistry, storage);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } catch (MongoServerException e) {
            // Unknown commands, and errors the library marks as not worth a log entry, are plain answers.
            if (!(e instanceof NoSuchCommandException) && e.isLogError()) {
                throw e;
            }
            log.debug("answered {} with {}", message.getDocument().keySet().iterator().next(), e.getMessage());
            return commandError(e);
        }
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (command.equalsIgnoreCase("hello")) {
            Document response = super.handleCommand(channel, databaseName, "ismaster", query);
            response.put("isWritablePrimary", response.remove("ismaster"));
            return response;
        }
        if (databaseName.equals(ADMIN) && command.equals("getParameter")) {
            return parameters(channel, query);
        }
        if (databaseName.equals(ADMIN) && command.equals("aggregate") && query.get(command) instanceof String collection) {
            // The admin database holds no collections here, and MongoDB aggregates a missing one to nothing.
            return new Document("cursor", new Document("id", 0L).append("ns", ADMIN + "." + collection)
                .append("firstBatch", List.of())).append("ok", 1.0);
        }
        return super.handleCommand(channel, databaseName, command, query);
    }

    /** Only the feature compatibility version, which is the server's major.minor version. */
    private Document parameters(Channel channel, Document query) {
        boolean all = "*".equals(query.get("getParameter"));
        for (String name : query.keySet()) {
            if (!name.equals("getParameter") && !name.startsWith("$") && !name.equals(FEATURE_COMPATIBILITY_VERSION)) {
                throw noSuchParameter();
            }
        }
        if (!all && !query.containsKey(FEATURE_COMPATIBILITY_VERSION)) {
            throw noSuchParameter();
        }
        List<?> version = (List<?>) super.handleCommand(channel, ADMIN, "buildinfo", query).get("versionArray");
        return new Document(FEATURE_COMPATIBILITY_VERSION, new Document("version", version.get(0) + "." + version.get(1)))
            .append("ok", 1.0);
    }

    private static MongoServerError noSuchParameter() {
        MongoServerError error = new MongoServerError(ErrorCode.InvalidOptions, "no option found to get");
        error.setLogError(false);
        return error;
    }

    private static Document commandError(MongoServerException e) {
        Document error = new Document("errmsg", e.getMessageWithoutErrorCode());
        if (e instanceof MongoServerError coded) {
            error.append("code", coded.getCode()).append("codeName", coded.getCodeName());
        }
        return error.append("ok", 0);
    }

    Storage<?> storage() {
        return storage;
    }

    /** Documents the collection's queries have fetched so far; for tests that must see an index being used. */
    public long documentsExamined(String databaseName, String collectionName) {
        return ExaminationCounter.of(resolveDatabase(databaseName), collectionName).documentsExamined();
    }

    /** Documents read to build indexes of the collection since the backend opened. */
    long documentsIndexedByBuilds(String databaseName, String collectionName) {
        return ExaminationCounter.of(resolveDatabase(databaseName), collectionName).documentsIndexedByBuilds();
    }

    long plainUpdates(String databaseName, String collectionName) {
        return ExaminationCounter.of(resolveDatabase(databaseName), collectionName).plainUpdates();
    }

    @Override
    public void close() {
        super.close();
        storage.close();
    }
}
