package dev.couponbook.server.axon;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Whether this deployment's MongoDB runs multi-document transactions, found out at start-up
 * from the driver's handshake with the server: a replica set primary or a mongos with sessions
 * does (MongoDB 4.0 and 4.2 on), a standalone server or the embedded mongo-java-server does not.
 * {@code couponbook.mongo.transactions} is {@code auto} (use them when there), {@code required}
 * (refuse to start without them) or {@code off}.
 */
public final class MongoTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(MongoTransactions.class);
    private static final int REPLICA_SET_WIRE_VERSION = 7;
    private static final int SHARDED_WIRE_VERSION = 8;

    private final boolean enabled;
    private final String topology;

    private MongoTransactions(boolean enabled, String topology) {
        this.enabled = enabled;
        this.topology = topology;
    }

    /** Asks the server and decides, logging the guarantee the service runs with. */
    public static MongoTransactions detect(MongoClient client, String mode) {
        String wanted = mode.toLowerCase(Locale.ROOT);
        if (!wanted.equals("auto") && !wanted.equals("required") && !wanted.equals("off")) {
            throw new IllegalStateException("couponbook.mongo.transactions must be auto, required or off, not " + mode);
        }
        ServerDescription server = handshake(client);
        String topology = describe(server);
        boolean supported = supported(server);
        if (wanted.equals("required") && !supported) {
            throw new IllegalStateException("couponbook.mongo.transactions=required, but the MongoDB server (" + topology
                    + ") does not run multi-document transactions; use a replica set");
        }
        MongoTransactions decision = new MongoTransactions(supported && !wanted.equals("off"), topology);
        if (decision.enabled) {
            LOG.info("MongoDB multi-document transactions: on ({}). Each unit of work (a command's events, a processor "
                    + "batch's read-model writes with its token) commits or rolls back as one.", topology);
        } else {
            LOG.info("MongoDB multi-document transactions: off ({}{}). Every write stands alone: single-document atomicity, "
                    + "unique indexes and sequence-guarded, idempotent projections keep the invariants.",
                    topology, supported ? ", switched off by couponbook.mongo.transactions=off" : "");
        }
        return decision;
    }

    /** Whether a server that introduced itself so runs transactions. */
    static boolean supported(ServerDescription server) {
        if (server.getLogicalSessionTimeoutMinutes() == null) {
            return false;
        }
        if (server.getType() == ServerType.REPLICA_SET_PRIMARY) {
            return server.getMaxWireVersion() >= REPLICA_SET_WIRE_VERSION;
        }
        return server.getType() == ServerType.SHARD_ROUTER && server.getMaxWireVersion() >= SHARDED_WIRE_VERSION;
    }

    private static String describe(ServerDescription server) {
        return switch (server.getType()) {
            case REPLICA_SET_PRIMARY -> "replica set " + server.getSetName();
            case SHARD_ROUTER -> "sharded cluster";
            case STANDALONE -> "standalone server";
            default -> server.getType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /**
     * The driver's own handshake with the server that takes writes; a ping makes the driver
     * connect (waiting for a primary, as any write would) so the description is filled in.
     */
    private static ServerDescription handshake(MongoClient client) {
        client.getDatabase("admin").runCommand(new Document("ping", 1));
        return client.getClusterDescription().getServerDescriptions().stream()
                .filter(server -> server.isOk() && (server.isPrimary() || server.getType() == ServerType.SHARD_ROUTER
                        || server.getType() == ServerType.STANDALONE))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no MongoDB server that takes writes is reachable"));
    }

    public boolean enabled() {
        return enabled;
    }

    public String topology() {
        return topology;
    }
}
