package dev.couponbook.server.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP relay on loopback between the service and one of its servers, for fault tests: {@link #cut()}
 * drops every connection and refuses new ones, as a crashed or unreachable server would;
 * {@link #restore()} lets connections through again, as a server that came back.
 */
public final class CuttableProxy implements AutoCloseable {

    private final int target;
    private final ServerSocket listener;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "cuttable-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    public CuttableProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket();
        this.listener.bind(new InetSocketAddress("127.0.0.1", 0));
        threads.submit(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void cut() {
        cut = true;
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket("127.0.0.1", target);
                open.add(client);
                open.add(server);
                threads.submit(() -> pump(client, server));
                threads.submit(() -> pump(server, client));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away: the relay ends and closes both, like a broken connection.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing for the fault being simulated; a socket that is already broken is fine.
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        listener.close();
        threads.shutdownNow();
    }
}
