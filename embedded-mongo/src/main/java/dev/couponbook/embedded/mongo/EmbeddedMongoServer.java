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
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;

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

    /** More than the connections the service's clients open under load; a thread starts with its first connection. */
    private static final int COMMAND_THREADS = 64;

    private final IndexedBackend backend;
    private final EventLoopGroup bossGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("embedded-mongo-boss", true));
    private final EventLoopGroup workerGroup = new NioEventLoopGroup(0, new DefaultThreadFactory("embedded-mongo-worker", true));
    /**
     * Connections' commands run on these threads, each connection on one of its own while there are no more
     * connections than threads, as MongoDB runs them, not on the event loop that reads the socket: an event loop
     * serves several connections, and a long command (a bulk insert of thousands of documents) held up every
     * command of the other connections on its loop until it was done.
     */
    private final EventExecutorGroup commandThreads =
        new DefaultEventExecutorGroup(COMMAND_THREADS, new DefaultThreadFactory("embedded-mongo-connection", true));
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
                        // one group: a channel's handlers all run on the one thread the group gives the channel
                        channel.pipeline().addLast(commandThreads, new MongoWireReplyEncoder(), new MongoWireMessageEncoder(),
                            new MongoWireProtocolHandler());
                        // before the database handler, so it sees each command and the reply the handler writes
                        if (groupCommit != null) {
                            channel.pipeline().addLast(commandThreads, new DurableReplies(groupCommit));
                        }
                        channel.pipeline().addLast(commandThreads, new MongoDatabaseHandler(backend, clients), new ClientDisconnects());
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
        commandThreads.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
