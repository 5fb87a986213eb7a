package dev.couponbook.server.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedAmqpBrokerTest {

    private static final String QUEUE = "coupon.generation";

    @Test
    void confirmsConsumesRedeliversAndFreesItsPortOnClose() throws Exception {
        int port;
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start()) {
            port = broker.port();
            assertThat(broker.url()).isEqualTo("amqp://guest:guest@127.0.0.1:" + port);
            assertThat(speaksAmqp(port)).as("the probe recognises a live broker").isTrue();

            CachingConnectionFactory connectionFactory = new CachingConnectionFactory(URI.create(broker.url()));
            connectionFactory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
            try {
                RabbitAdmin admin = new RabbitAdmin(connectionFactory);
                assertThat(admin.declareQueue(new Queue(QUEUE, true, false, false))).isEqualTo(QUEUE);
                RabbitTemplate template = new RabbitTemplate(connectionFactory);

                assertThat(publishConfirmed(template, "first")).as("broker acked the publish").isTrue();
                Message received = template.receive(QUEUE, 5_000);
                assertThat(received).isNotNull();
                assertThat(new String(received.getBody(), StandardCharsets.UTF_8)).isEqualTo("first");
                assertThat(received.getMessageProperties().getReceivedDeliveryMode())
                        .isEqualTo(MessageDeliveryMode.PERSISTENT);

                assertThat(publishConfirmed(template, "second")).isTrue();
                List<Delivery> deliveries = consumeNackingTheFirstDelivery(connectionFactory);
                assertThat(deliveries).containsExactly(
                        new Delivery("second", false, "nack"),
                        new Delivery("second", true, "ack"));

                Properties queue = admin.getQueueProperties(QUEUE);
                assertThat(queue).isNotNull();
                assertThat(queue.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).isEqualTo(0);
            } finally {
                connectionFactory.destroy();
            }
        }
        assertThat(speaksAmqp(port)).as("no AMQP broker listens on the closed broker's port").isFalse();
    }

    @Test
    void closeLeavesNoBrokerThreadsBehind() throws Exception {
        // Brokers of other test contexts may be running in this JVM; only this broker's threads count.
        Set<Thread> before = liveQpidThreads();
        try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start()) {
            assertThat(newThreads(before)).as("the thread filter recognises Qpid's threads").isNotEmpty();
        }
        assertThat(awaitNoNewQpidThreads(before)).isEmpty();
    }

    @Test
    void keepsQpidBelowWarnOutOfTheApplicationLog() throws Exception {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        try {
            EmbeddedAmqpBroker.start().close();
            assertThat(logback.getLogger("org.apache.qpid").getLevel()).isEqualTo(Level.WARN);
            assertThat(logback.getLogger("qpid.message").getLevel()).isEqualTo(Level.WARN);

            // Spring Boot's logging initialisation wipes those levels when the broker started earlier; the
            // operational log (qpid.message.*) must stay off even then.
            withLevels(logback, Level.INFO, () -> {
                try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start()) {
                    CachingConnectionFactory connectionFactory = new CachingConnectionFactory(URI.create(broker.url()));
                    try {
                        new RabbitAdmin(connectionFactory).declareQueue(new Queue(QUEUE, true, false, false));
                    } finally {
                        connectionFactory.destroy();
                    }
                }
            });
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list)
                .filteredOn(event -> event.getLoggerName().startsWith("qpid.message"))
                .isEmpty();
        assertThat(log.list)
                .filteredOn(event -> event.getLoggerName().startsWith("org.apache.qpid"))
                .as("a couple of startup lines, not one per connection or channel")
                .hasSizeLessThanOrEqualTo(5);
    }

    private static void withLevels(LoggerContext logback, Level level, Runnable action) {
        List<Logger> qpidLoggers = List.of(logback.getLogger("org.apache.qpid"), logback.getLogger("qpid.message"));
        List<Level> previous = qpidLoggers.stream().map(Logger::getLevel).toList();
        qpidLoggers.forEach(logger -> logger.setLevel(level));
        try {
            action.run();
        } finally {
            for (int i = 0; i < qpidLoggers.size(); i++) {
                qpidLoggers.get(i).setLevel(previous.get(i));
            }
        }
    }

    private static boolean publishConfirmed(RabbitTemplate template, String body) throws Exception {
        Message message = MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .build();
        CorrelationData correlation = new CorrelationData(body);
        template.send("", QUEUE, message, correlation);
        return correlation.getFuture().get(5, TimeUnit.SECONDS).isAck();
    }

    private static List<Delivery> consumeNackingTheFirstDelivery(CachingConnectionFactory connectionFactory)
            throws InterruptedException {
        List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        CountDownLatch acked = new CountDownLatch(1);
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(QUEUE);
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setMessageListener((ChannelAwareMessageListener) (message, channel) -> {
            long tag = message.getMessageProperties().getDeliveryTag();
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            boolean redelivered = Boolean.TRUE.equals(message.getMessageProperties().isRedelivered());
            if (deliveries.isEmpty()) {
                deliveries.add(new Delivery(body, redelivered, "nack"));
                channel.basicNack(tag, false, true);
            } else {
                deliveries.add(new Delivery(body, redelivered, "ack"));
                channel.basicAck(tag, false);
                acked.countDown();
            }
        });
        container.start();
        try {
            assertThat(acked.await(10, TimeUnit.SECONDS)).as("redelivered message was acked").isTrue();
        } finally {
            container.stop();
        }
        return deliveries;
    }

    /** Qpid names its threads after the broker, virtual host (node) and port, e.g. IO-pool-Port-AMQP-1. */
    private static Set<Thread> liveQpidThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> {
                    String name = thread.getName();
                    return name.startsWith("Broker-") || name.startsWith("broker-")
                            || name.startsWith("VirtualHostNode-") || name.startsWith("virtualhost-")
                            || name.contains("Port-AMQP") || name.startsWith("Selector-") || name.startsWith("IO-/");
                })
                .collect(Collectors.toSet());
    }

    private static List<String> newThreads(Set<Thread> before) {
        return liveQpidThreads().stream().filter(thread -> !before.contains(thread)).map(Thread::getName).toList();
    }

    private static List<String> awaitNoNewQpidThreads(Set<Thread> before) throws InterruptedException {
        List<String> names = newThreads(before);
        for (int attempt = 0; attempt < 50 && !names.isEmpty(); attempt++) {
            Thread.sleep(100);
            names = newThreads(before);
        }
        return names;
    }

    /**
     * Whether something on the port answers the AMQP 0-9-1 protocol header. A refused connection
     * is not enough to ask for: the freed ephemeral port may already belong to another embedded
     * server of this test JVM, which is no failure of the broker that let it go.
     */
    private static boolean speaksAmqp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(new byte[]{'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            socket.getOutputStream().flush();
            int frameType = socket.getInputStream().read();
            return frameType == 1 || frameType == 'A';
        } catch (IOException e) {
            return false;
        }
    }

    private record Delivery(String body, boolean redelivered, String outcome) {
    }
}
