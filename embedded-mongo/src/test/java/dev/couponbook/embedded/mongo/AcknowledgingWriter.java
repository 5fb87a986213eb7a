package dev.couponbook.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link KillDurabilityTest}: runs the persistent server on the directory given as argument,
 * writes from several threads until it is killed and prints every write the server acknowledged, after the
 * acknowledgement, as {@code ack insert <id>} or {@code ack update <id> <version>}. {@code ready} goes first.
 * Every third write is a bulk update of the thread's last three documents, so the threads' many-statement commands
 * interleave on one collection and one thread's flush may apply another's statements.
 */
public final class AcknowledgingWriter {

    private static final int THREADS = 8;

    private AcknowledgingWriter() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedMongoServer server = EmbeddedMongoServer.persistent(Path.of(args[0]));
        MongoClient client = MongoClients.create(server.connectionString("durability"));
        MongoCollection<Document> codes = client.getDatabase("durability").getCollection("codes");
        codes.createIndex(Indexes.ascending("batch", "version"));
        codes.createIndex(Indexes.ascending("serial"), new IndexOptions().unique(true));
        System.out.println("ready");
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (long i = 0; ; i++) {
                    String id = thread + "-" + i;
                    codes.insertOne(new Document("_id", id).append("batch", thread).append("version", 0)
                        .append("serial", thread * 1_000_000_000L + i));
                    System.out.println("ack insert " + id);
                    if (i % 3 == 0) {
                        codes.updateOne(Filters.eq("_id", id), Updates.set("version", 1));
                        System.out.println("ack update " + id + " 1");
                    }
                    if (i % 3 == 2) {
                        List<String> lastThree = List.of(thread + "-" + (i - 2), thread + "-" + (i - 1), id);
                        codes.bulkWrite(lastThree.stream()
                            .map(each -> new UpdateOneModel<Document>(Filters.eq("_id", each), Updates.set("version", 2)))
                            .toList());
                        lastThree.forEach(each -> System.out.println("ack update " + each + " 2"));
                    }
                }
            });
            writer.start();
            threads.add(writer);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
