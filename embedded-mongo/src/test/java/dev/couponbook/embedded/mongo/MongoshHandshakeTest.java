package dev.couponbook.embedded.mongo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.Socket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The commands mongosh 2.5.0 sends on connect (seen by connecting it to this server), answered as MongoDB answers
 * them and without an ERROR in the log: an analyst's connect used to log three stack traces, and its exit a fourth.
 */
class MongoshHandshakeTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    private EmbeddedMongoServer server;
    private MongoClient client;
    private MongoDatabase admin;

    @BeforeEach
    void connect() {
        logs.start();
        root.addAppender(logs);
        server = EmbeddedMongoServer.inMemory();
        client = MongoClients.create(server.connectionString("couponbook"));
        admin = client.getDatabase("admin");
    }

    @AfterEach
    void close() {
        client.close();
        server.close();
        root.detachAppender(logs);
    }

    @Test
    void canAnswerMongoshsConnectCommandsWithoutLoggingAnError() {
        assertThat(admin.runCommand(new Document("hello", 1)).get("ok", Number.class).intValue()).isEqualTo(1);
        Document buildInfo = admin.runCommand(new Document("buildInfo", 1));
        assertThat(admin.runCommand(new Document("getCmdLineOpts", 1)).get("ok", Number.class).intValue()).isEqualTo(1);
        assertThat(admin.runCommand(new Document("getLog", "startupWarnings")).getList("log", String.class)).isEmpty();

        assertThatThrownBy(() -> admin.runCommand(new Document("atlasVersion", 1)))
            .isInstanceOfSatisfying(MongoCommandException.class, e -> {
                assertThat(e.getErrorCode()).isEqualTo(59);
                assertThat(e.getErrorCodeName()).isEqualTo("CommandNotFound");
            });

        Document fcv = admin.runCommand(new Document("getParameter", 1).append("featureCompatibilityVersion", 1));
        List<Integer> versionArray = buildInfo.getList("versionArray", Integer.class);
        assertThat(fcv.get("featureCompatibilityVersion", Document.class).getString("version"))
            .isEqualTo(versionArray.get(0) + "." + versionArray.get(1));

        Document atlasCli = admin.runCommand(new Document("aggregate", "atlascli")
            .append("pipeline", List.of(
                new Document("$match", new Document("managedClusterType", "atlasCliLocalDevCluster")),
                new Document("$group", new Document("_id", 1).append("n", new Document("$sum", 1)))))
            .append("cursor", new Document()));
        Document cursor = atlasCli.get("cursor", Document.class);
        assertThat(cursor.getList("firstBatch", Document.class)).isEmpty();
        assertThat(cursor.get("id", Number.class).longValue()).isZero();
        assertThat(cursor.getString("ns")).isEqualTo("admin.atlascli");

        assertThat(errors()).isEmpty();
    }

    @Test
    void cannotRunAnUnknownCommandAndIsToldSoWithoutAnErrorInTheLog() {
        assertThatThrownBy(() -> admin.runCommand(new Document("noSuchThing", 1)))
            .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCode()).isEqualTo(59));
        assertThatThrownBy(() -> admin.runCommand(new Document("getParameter", 1).append("noSuchParameter", 1)))
            .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCodeName()).isEqualTo("InvalidOptions"));
        assertThatThrownBy(() -> admin.runCommand(new Document("getLog", "noSuchLog")))
            .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorMessage()).contains("noSuchLog"));
        assertThatThrownBy(() -> admin.runCommand(new Document("replSetGetStatus", 1)))
            .isInstanceOfSatisfying(MongoCommandException.class, e -> assertThat(e.getErrorCodeName()).isEqualTo("NoReplicationEnabled"));

        assertThat(errors()).isEmpty();
    }

    @Test
    void canLoseAClientThatResetsItsConnectionWithoutLoggingAnError() throws Exception {
        Logger disconnects = (Logger) LoggerFactory.getLogger(ClientDisconnects.class);
        disconnects.setLevel(Level.DEBUG);
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(new byte[] {16, 0, 0});
            socket.setSoLinger(true, 0); // closes with a reset, as mongosh does on exit
        } finally {
            await().atMost(Duration.ofSeconds(5)).until(() -> logs.list.stream()
                .anyMatch(event -> event.getLoggerName().equals(ClientDisconnects.class.getName())));
            disconnects.setLevel(null);
        }

        assertThat(errors()).isEmpty();
        assertThat(admin.runCommand(new Document("ping", 1)).get("ok", Number.class).intValue()).isEqualTo(1);
    }

    private List<String> errors() {
        return logs.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
            .map(ILoggingEvent::getFormattedMessage).toList();
    }
}
