package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An in-process MongoDB-wire-protocol server on a loopback port (a free one unless given), in memory or persisted to a directory,
 * whose indexes answer equality, range and sorted queries.
 *
 * <p>The network side is mongo-java-server's own handlers, set up as its {@code MongoServer} does, plus
 * {@link DurableReplies}, which acknowledges a write only once it is durable, and {@link ClientDisconnects} in place
 * of its exception handler.
 */
public final class EmbeddedMongoServer implements AutoCloseable {

    /**
     * Event loops, each running the commands of the connections it serves. With one per core, a loop served several
     * connections, and a long command (a generated chunk's bulk writes) held up every command of the others until
     * it was done: the assignments' p99 during a generation job halved with 16. With 64, the wake-ups no longer
     * shared between connections cost 8 % of the assignments per second. A loop's thread starts with its first
     * connection.
     */
    private static final int EVENT_LOOPS = 16;

    private final IndexedBackend backend;
    private final EventLoopGroup bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("embedded-mongo-boss", true));
    private final EventLoopGroup workerGroup =
        new NioEventLoopGroup(EVENT_LOOPS, new DefaultThreadFactory("embedded-mongo-worker", true));
    private final ChannelGroup clients = new DefaultChannelGroup("embedded-mongo-clients", workerGroup.next());
    private final Channel serverChannel;
    private final InetSocketAddress address;

    EmbeddedMongoServer(IndexedBackend backend, int port) {
        if (port < 0 || port > 65535) {
            backend.close();
            throw new IllegalArgumentException("Port " + port + " is not a TCP port (0 picks a free one)");
        }
        this.backend = backend;
        GroupCommit groupCommit = backend.storage() instanceof RocksStorage rocks ? rocks.groupCommit() : null;
        try {
            ChannelFuture bound = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 100)
                .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                            new MongoWireProtocolHandler());
                        // before the database handler, so it sees each command and the reply the handler writes
                        if (groupCommit != null) {
                            channel.pipeline().addLast(new DurableReplies(groupCommit));
                        }
                        channel.pipeline().addLast(new MongoDatabaseHandler(backend, clients), new ClientDisconnects());
                    }
                })
                .bind("127.0.0.1", port).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new IllegalStateException("Cannot listen on 127.0.0.1:" + port + ": " + bound.cause().getMessage(),
                    bound.cause());
            }
            this.serverChannel = bound.channel();
        } catch (RuntimeException e) {
            shutDownEventLoops();
            backend.close();
            throw e;
        }
        this.address = (InetSocketAddress) serverChannel.localAddress();
    }

    /** Starts a server whose data lives only as long as the process. */
    public static EmbeddedMongoServer inMemory() {
        return inMemory(0);
    }

    /** Starts a server whose data lives only as long as the process, on {@code port} (0: a free one). */
    public static EmbeddedMongoServer inMemory(int port) {
        return new EmbeddedMongoServer(new IndexedMemoryBackend(), port);
    }

    /** Starts a server that keeps its data under {@code directory}, acknowledging writes once they are fsynced. */
    public static EmbeddedMongoServer persistent(Path directory) {
        return persistent(directory, StoreOptions.defaults());
    }

    /**
     * Starts a server that keeps its data in RocksDB under {@code directory}, so a restart keeps everything. A store
     * that the former H2 backend left there ({@code mongo.mv}) is imported on the first start.
     */
    public static EmbeddedMongoServer persistent(Path directory, StoreOptions options) {
        return persistent(directory, options, 0);
    }

    /** As {@link #persistent(Path, StoreOptions)}, on {@code port} (0: a free one). */
    public static EmbeddedMongoServer persistent(Path directory, StoreOptions options, int port) {
        return new EmbeddedMongoServer(PersistentStore.open(directory, options), port);
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString(String database) {
        return "mongodb://127.0.0.1:" + port() + "/" + database;
    }

    /** Documents the collection's queries have fetched so far; for tests that must see an index being used. */
    long documentsExamined(String database, String collection) {
        return backend.documentsExamined(database, collection);
    }

    /** Documents read to build indexes of the collection since the server started. */
    long documentsIndexedByBuilds(String database, String collection) {
        return backend.documentsIndexedByBuilds(database, collection);
    }

    /** Updates of the collection applied without the generic update path since the server started. */
    long plainUpdates(String database, String collection) {
        return backend.plainUpdates(database, collection);
    }

    /** The persistent store, or null in memory; for tests and benchmarks. */
    RocksStorage rocksStorage() {
        return backend.storage() instanceof RocksStorage rocks ? rocks : null;
    }

    /** Closes the connections, then the store: it syncs and flushes what it holds. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        shutDownEventLoops();
        backend.close();
    }

    private void shutDownEventLoops() {
        bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
