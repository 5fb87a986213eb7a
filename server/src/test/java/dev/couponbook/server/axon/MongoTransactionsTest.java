package dev.couponbook.server.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.couponbook.embedded.mongo.EmbeddedMongoServer;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up detection of multi-document transactions from the server's handshake. */
class MongoTransactionsTest {

    @Test
    void canUseTransactionsOnAReplicaSetPrimaryWithSessions() {
        assertThat(MongoTransactions.supported(server(ServerType.REPLICA_SET_PRIMARY, 21, 30))).isTrue();
    }

    @Test
    void canUseTransactionsThroughAMongosOfMongoDb42OrLater() {
        assertThat(MongoTransactions.supported(server(ServerType.SHARD_ROUTER, 8, 30))).isTrue();
    }

    @Test
    void cannotUseTransactionsOnAStandaloneServer() {
        assertThat(MongoTransactions.supported(server(ServerType.STANDALONE, 21, 30))).isFalse();
    }

    @Test
    void cannotUseTransactionsOnAReplicaSetOlderThan40OrWithoutSessions() {
        assertThat(MongoTransactions.supported(server(ServerType.REPLICA_SET_PRIMARY, 6, 30))).isFalse();
        assertThat(MongoTransactions.supported(server(ServerType.REPLICA_SET_PRIMARY, 21, null))).isFalse();
        assertThat(MongoTransactions.supported(server(ServerType.SHARD_ROUTER, 7, 30))).isFalse();
    }

    private static ServerDescription server(ServerType type, int wireVersion, Integer sessionMinutes) {
        return ServerDescription.builder().address(new ServerAddress()).state(ServerConnectionState.CONNECTED).type(type)
                .setName(type == ServerType.REPLICA_SET_PRIMARY ? "rs0" : null)
                .maxWireVersion(wireVersion).logicalSessionTimeoutMinutes(sessionMinutes).build();
    }

    @Test
    void cannotUseTransactionsOnTheEmbeddedServer() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.inMemory();
             MongoClient client = MongoClients.create(server.connectionString("test"))) {
            assertThat(MongoTransactions.detect(client, "auto").enabled()).isFalse();
            assertThatThrownBy(() -> MongoTransactions.detect(client, "required"))
                    .hasMessageContaining("does not run multi-document transactions");
        }
    }

    @Test
    void canDetectAReplicaSetAndBeToldNotToUseIt() {
        try (ReplicaSetLookalike server = new ReplicaSetLookalike();
             MongoClient client = MongoClients.create(server.connectionString("test"))) {
            MongoTransactions detected = MongoTransactions.detect(client, "auto");
            assertThat(detected.enabled()).isTrue();
            assertThat(detected.topology()).isEqualTo("replica set rs0");
            assertThat(MongoTransactions.detect(client, "off").enabled()).isFalse();
        }
    }

    @Test
    void cannotStartWithAnUnknownMode() {
        try (ReplicaSetLookalike server = new ReplicaSetLookalike();
             MongoClient client = MongoClients.create(server.connectionString("test"))) {
            assertThatThrownBy(() -> MongoTransactions.detect(client, "sometimes")).hasMessageContaining("auto, required or off");
        }
    }
}
