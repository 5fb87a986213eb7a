package dev.couponbook.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

import java.util.ArrayDeque;

/**
 * Holds back the reply to a command until the writes the command made are durable, without holding up the thread:
 * it runs the commands of its connection and may serve other connections too, so blocking it for an fsync would
 * stall them all. A command runs and replies on the same thread, so the reply finds the command's writes as the
 * thread's {@link GroupCommit} ticket. Replies on one connection keep their order. If the log cannot be synced the
 * connection is closed rather than answered.
 *
 * <p>A command whose write concern asks for no journal ({@code j: false}, as MongoDB defines it) is answered once
 * applied, as MongoDB does. Its writes are still in the log ahead of every later write, so a write that is
 * acknowledged durable later makes them durable too, and a crash loses only a suffix of the log.
 */
final class DurableReplies extends ChannelDuplexHandler {

    private record Reply(Object message, ChannelPromise promise, long ticket) {
    }

    private final GroupCommit groupCommit;
    // touched only on the channel's event loop
    private final ArrayDeque<Reply> held = new ArrayDeque<>();
    // set while the database handler runs an unjournaled command, which replies before it returns
    private boolean unjournaled;

    DurableReplies(GroupCommit groupCommit) {
        this.groupCommit = groupCommit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        unjournaled = message instanceof MongoMessage command && asksNoJournal(command.getDocument());
        try {
            ctx.fireChannelRead(message);
        } finally {
            unjournaled = false;
        }
    }

    private static boolean asksNoJournal(Document command) {
        return command.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j"));
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        // taken in any case: taking it clears the thread's last write, which no later reply may wait for
        long ticket = groupCommit.takeTicket();
        if (unjournaled) {
            ticket = 0;
        }
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
