package dev.couponbook.embedded.mongo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Makes writes durable in groups: every write applied to the store (without sync) takes a ticket, and one thread
 * syncs the write-ahead log for everyone waiting, covering every ticket handed out before that sync started. So
 * 64 writers pay for one fsync together rather than one each, and none waits while holding a collection's lock.
 *
 * <p>The ticket of the last write a thread made is kept for that thread, so the reply to a command can be held
 * back until the command's writes are durable without the command code knowing ({@link DurableReplies}).
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Syncs the log; every write that returned before the call began must be durable when it returns. */
    interface LogSync {
        void sync() throws Exception;
    }

    /** What to do once a ticket is durable, or when syncing failed and it never will be. */
    interface Waiter {
        void durable();

        void failed(Throwable cause);
    }

    private record Pending(GroupCommit owner, long ticket) {
    }

    private record Queued(long ticket, Waiter waiter) {
    }

    private static final ThreadLocal<Pending> LAST_WRITE = new ThreadLocal<>();

    private final LogSync logSync;
    private final boolean waitsForSync;
    private final AtomicLong written = new AtomicLong();
    private final LongAdder syncs = new LongAdder();
    private final PriorityQueue<Queued> queue = new PriorityQueue<>((a, b) -> Long.compare(a.ticket, b.ticket));
    private final Thread syncer;
    private volatile long durable;
    private volatile Throwable failure;
    private boolean closed;

    /** With {@code waitsForSync} false, writes count as durable as soon as they are applied (and nothing syncs). */
    GroupCommit(LogSync logSync, boolean waitsForSync) {
        this.logSync = logSync;
        this.waitsForSync = waitsForSync;
        this.syncer = new Thread(this::syncLoop, "embedded-mongo-wal-sync");
        syncer.setDaemon(true);
        if (waitsForSync) {
            syncer.start();
        }
    }

    /** Records that the calling thread has just applied a write. */
    void written() {
        long ticket = written.incrementAndGet();
        if (waitsForSync) {
            LAST_WRITE.set(new Pending(this, ticket));
        } else {
            durable = ticket;
        }
    }

    /** Gives the calling thread a ticket covering every write applied so far, by any thread. */
    void coverApplied() {
        long ticket = written.get();
        Pending pending = LAST_WRITE.get();
        if (waitsForSync && ticket > 0 && (pending == null || pending.owner != this || pending.ticket < ticket)) {
            LAST_WRITE.set(new Pending(this, ticket));
        }
    }

    /** The ticket of the calling thread's writes to this store not yet handed to a waiter, or 0 if there are none. */
    long takeTicket() {
        Pending pending = LAST_WRITE.get();
        if (pending == null || pending.owner != this) {
            return 0;
        }
        LAST_WRITE.remove();
        return pending.ticket;
    }

    boolean isDurable(long ticket) {
        return ticket <= durable;
    }

    /** Calls the waiter, on the sync thread or at once, when every write up to {@code ticket} is durable. */
    void whenDurable(long ticket, Waiter waiter) {
        synchronized (queue) {
            if (closed && failure == null && !isDurable(ticket)) {
                failure = new IllegalStateException("The store is closed");
            }
            if (failure == null && !isDurable(ticket)) {
                queue.add(new Queued(ticket, waiter));
                queue.notifyAll();
                return;
            }
        }
        if (failure != null) {
            waiter.failed(failure);
        } else {
            waiter.durable();
        }
    }

    /** Blocks until the calling thread's writes so far are durable. */
    void awaitOwnWrites() throws InterruptedException {
        long ticket = takeTicket();
        if (ticket == 0) {
            return;
        }
        Object signal = new Object();
        boolean[] done = new boolean[1];
        Throwable[] failed = new Throwable[1];
        whenDurable(ticket, new Waiter() {
            @Override
            public void durable() {
                finish(null);
            }

            @Override
            public void failed(Throwable cause) {
                finish(cause);
            }

            private void finish(Throwable cause) {
                synchronized (signal) {
                    done[0] = true;
                    failed[0] = cause;
                    signal.notifyAll();
                }
            }
        });
        synchronized (signal) {
            while (!done[0]) {
                signal.wait();
            }
        }
        if (failed[0] != null) {
            throw new IllegalStateException("Writes could not be made durable", failed[0]);
        }
    }

    /** Log syncs performed so far; with many concurrent writers far fewer than writes. */
    long syncs() {
        return syncs.sum();
    }

    long writes() {
        return written.get();
    }

    private void syncLoop() {
        while (true) {
            synchronized (queue) {
                while (queue.isEmpty() && !closed) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
            }
            long target = written.get();
            try {
                logSync.sync();
                syncs.increment();
                durable = target;
            } catch (Exception | Error e) {
                log.error("Syncing the embedded MongoDB write-ahead log failed; waiting writes are not acknowledged", e);
                failure = e;
            }
            release();
        }
    }

    private void release() {
        List<Queued> ready = new ArrayList<>();
        synchronized (queue) {
            while (!queue.isEmpty() && (failure != null || isDurable(queue.peek().ticket))) {
                ready.add(queue.poll());
            }
        }
        for (Queued queued : ready) {
            try {
                if (failure != null) {
                    queued.waiter.failed(failure);
                } else {
                    queued.waiter.durable();
                }
            } catch (RuntimeException e) {
                log.warn("A durable-write callback failed", e);
            }
        }
    }

    /** Serves the waiters still queued, then stops the sync thread. */
    @Override
    public void close() {
        synchronized (queue) {
            closed = true;
            queue.notifyAll();
        }
        if (waitsForSync) {
            try {
                syncer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
