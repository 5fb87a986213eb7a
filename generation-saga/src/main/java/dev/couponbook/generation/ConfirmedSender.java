package dev.couponbook.generation;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends messages to a queue and returns only once the broker has confirmed that it holds every one of them. */
@Component
public class ConfirmedSender {

    private final RabbitTemplate rabbit;
    private final Duration confirmTimeout;

    public ConfirmedSender(ConnectionFactory connections,
                           GenerationSettings settings) {
        this.rabbit = new RabbitTemplate(connections);
        this.rabbit.setMandatory(true);
        this.confirmTimeout = settings.confirmTimeout();
    }

    /** Publishes all {@code messages} before waiting, so a batch costs one round trip; throws if any is not confirmed. */
    public void send(String queue, List<Message> messages) {
        List<CorrelationData> pending = new ArrayList<>(messages.size());
        for (Message message : messages) {
            CorrelationData correlation = new CorrelationData();
            rabbit.send("", queue, message, correlation);
            pending.add(correlation);
        }
        for (CorrelationData correlation : pending) {
            CorrelationData.Confirm confirm = await(correlation);
            if (!confirm.isAck()) {
                throw new AmqpException("the broker refused a message for " + queue + ": " + confirm.getReason());
            }
            if (correlation.getReturned() != null) {
                throw new AmqpException("no queue " + queue + " took the message: "
                        + correlation.getReturned().getReplyText());
            }
        }
    }

    private CorrelationData.Confirm await(CorrelationData correlation) {
        try {
            return correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpException("interrupted while waiting for a publisher confirm", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AmqpException("no publisher confirm within " + confirmTimeout, e);
        }
    }
}
