package de.mitzeichnen.web;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * When the server closes a connection (e.g. after the 413 answer to too large an upload, whose rest
 * it does not read), it first only ends its sending side and reads and throws away what the client
 * still sends, for a few seconds, then closes (RFC 9112, section 9.6). Closing at once would make
 * the kernel answer the unread bytes with a reset, and a client that sends its whole body before
 * reading could lose the answer; not closing at all made such a client wait for the idle timeout.
 */
@Singleton
class LingeringClose implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** How long the client may go on sending after our answer. */
    static final long LINGER_SECONDS = 5;

    /**
     * At most this much is read and thrown away (a little more than the largest body we accept).
     */
    static final long LINGER_BYTES = 16L * 1024 * 1024;

    @Override
    public NettyServerCustomizer.Registry onCreated(
            BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new Customizer(null));
        return event.getBean();
    }

    private record Customizer(Channel channel) implements NettyServerCustomizer {
        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION && channel instanceof DuplexChannel
                    ? new Customizer(channel)
                    : this;
        }

        @Override
        public void onInitialPipelineBuilt() {
            if (channel != null) {
                channel.pipeline().addFirst("mitzeichnen-lingering-close", new Handler());
            }
        }
    }

    private static final class Handler extends ChannelDuplexHandler {
        private boolean lingering;
        private long discarded;

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            DuplexChannel channel = (DuplexChannel) ctx.channel();
            if (lingering || !channel.isActive() || channel.isInputShutdown()) {
                ctx.close(promise);
                return;
            }
            lingering = true;
            channel.config().setAutoRead(true);
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    .addListener(
                            (ChannelFutureListener)
                                    written -> {
                                        if (written.isSuccess()) {
                                            channel.shutdownOutput();
                                        } else {
                                            ctx.close();
                                        }
                                    });
            // ctx.close() goes past this handler: the real close
            ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
            channel.closeFuture().addListener(closed -> promise.trySuccess());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!lingering) {
                ctx.fireChannelRead(msg);
                return;
            }
            if (msg instanceof ByteBuf bytes) {
                discarded += bytes.readableBytes();
            }
            ReferenceCountUtil.release(msg);
            if (discarded > LINGER_BYTES) {
                ctx.close();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (lingering && event instanceof ChannelInputShutdownEvent) {
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(event);
        }
    }
}
