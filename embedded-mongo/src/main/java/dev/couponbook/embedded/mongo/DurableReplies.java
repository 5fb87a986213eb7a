package dev.couponbook.embedded.mongo;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.ArrayDeque;

/**
 * Holds back the reply to a command until the writes the command made are durable, without holding up the event
 * loop: mongo-java-server answers on netty's event-loop threads, each serving many connections, so blocking one
 * for an fsync would stall every connection on it. A command runs and replies on the same thread, so the reply
 * finds the command's writes as the thread's {@link GroupCommit} ticket. Replies on one connection keep their
 * order. If the log cannot be synced the connection is closed rather than answered.
 */
final class DurableReplies extends ChannelDuplexHandler {

    private record Reply(Object message, ChannelPromise promise, long ticket) {
    }

    private final GroupCommit groupCommit;
    // touched only on the channel's event loop
    private final ArrayDeque<Reply> held = new ArrayDeque<>();

    DurableReplies(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        long ticket = groupCommit.takeTicket();
        if (held.isEmpty() && groupCommit.isDurable(ticket)) {
            ctx.write(message, promise);
            return;
        }
        held.add(new Reply(message, promise, ticket));
        groupCommit.whenDurable(ticket, new GroupCommit.Waiter() {
            @Override
            public void durable() {
                ctx.executor().execute(() -> release(ctx));
            }

            @Override
            public void failed(Throwable cause) {
                ctx.executor().execute(() -> {
                    held.forEach(reply -> reply.promise.tryFailure(cause));
                    held.clear();
                    ctx.close();
                });
            }
        });
    }

    private void release(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!held.isEmpty() && groupCommit.isDurable(held.peek().ticket)) {
            Reply reply = held.poll();
            ctx.write(reply.message, reply.promise);
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }
}
