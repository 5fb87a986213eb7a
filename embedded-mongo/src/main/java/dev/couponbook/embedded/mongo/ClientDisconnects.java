package dev.couponbook.embedded.mongo;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Closes a connection whose handling failed, as mongo-java-server's exception handler does, but takes a client
 * that went away (a reset connection: mongosh resets its own on exit) for the normal event it is rather than an
 * ERROR with a stack trace.
 */
final class ClientDisconnects extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ClientDisconnects.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("client {} went away: {}", ctx.channel().id(), cause.getMessage());
        } else {
            log.error("exception for client {}", ctx.channel().id(), cause);
        }
        ctx.channel().close();
    }
}
