package dev.couponbook.generation;

import org.springframework.amqp.AmqpConnectException;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

/** A publisher that remembers each publishing round and can play an unreachable broker. */
class RecordingChunkPublisher implements ChunkPublisher {

    final List<List<Integer>> rounds = new ArrayList<>();
    boolean brokerDown;

    @Override
    public void publish(List<ChunkOrder> orders) {
        if (brokerDown) {
            throw new AmqpConnectException(new ConnectException("broker unreachable"));
        }
        rounds.add(orders.stream().map(ChunkOrder::chunkNo).toList());
    }
}
