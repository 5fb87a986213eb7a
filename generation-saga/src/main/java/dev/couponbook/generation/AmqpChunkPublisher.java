package dev.couponbook.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Publishes chunk orders as persistent JSON messages on the durable chunk queue, with publisher confirms. */
@Component
public class AmqpChunkPublisher implements ChunkPublisher {

    private final ConfirmedSender sender;
    private final ChunkQueues queues;
    private final ObjectMapper json;

    public AmqpChunkPublisher(ConfirmedSender sender, ChunkQueues queues, ObjectMapper json) {
        this.sender = sender;
        this.queues = queues;
        this.json = json;
    }

    @Override
    public void publish(List<ChunkOrder> orders) {
        List<Message> messages = new ArrayList<>(orders.size());
        for (ChunkOrder order : orders) {
            messages.add(message(order));
        }
        sender.send(queues.chunks(), messages);
    }

    /** A persistent JSON message carrying {@code order}. */
    Message message(ChunkOrder order) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(order.jobId() + "#" + order.chunkNo());
        try {
            return new Message(json.writeValueAsBytes(order), properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a chunk order is always writable as JSON", e);
        }
    }
}
