package dev.couponbook.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A process writing through the driver from several threads is killed with SIGKILL; every write it was told had
 * succeeded is there when the directory is opened again.
 */
class KillDurabilityTest {

    private static final int ACKNOWLEDGED_BEFORE_KILL = 3_000;

    @Test
    void canKeepEveryAcknowledgedWriteAcrossAKill(@TempDir Path directory) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m", "-cp", System.getProperty("java.class.path"), AcknowledgingWriter.class.getName(),
            directory.toString())
            .redirectErrorStream(true).start();
        Set<String> inserted = new HashSet<>();
        Map<String, Integer> updated = new HashMap<>();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int acknowledged = 0;
            boolean lockChecked = false;
            while (acknowledged < ACKNOWLEDGED_BEFORE_KILL && (line = output.readLine()) != null) {
                String[] words = line.split(" ");
                if (line.equals("ready") && !lockChecked) {
                    assertThatThrownBy(() -> EmbeddedMongoServer.persistent(directory))
                        .as("a second process opening the directory").isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("already in use");
                    lockChecked = true;
                } else if (words.length >= 3 && words[0].equals("ack")) {
                    acknowledged++;
                    if (words[1].equals("insert")) {
                        inserted.add(words[2]);
                    } else {
                        updated.put(words[2], Integer.parseInt(words[3]));
                    }
                }
            }
            assertThat(lockChecked).as("the child started").isTrue();
            // SIGKILL while the writers are busy; the acknowledgements read so far are the ones checked
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.persistent(directory);
             MongoClient client = MongoClients.create(server.connectionString("durability"))) {
            MongoCollection<Document> codes = client.getDatabase("durability").getCollection("codes");
            Map<String, Integer> stored = new HashMap<>();
            codes.find().forEach(document -> stored.put(document.getString("_id"), document.getInteger("version")));

            // three of every seven acknowledgements are inserts
            assertThat(inserted).hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL / 3);
            assertThat(stored.keySet()).containsAll(inserted);
            // a later write may have landed after the last acknowledgement read; versions only go up
            updated.forEach((id, version) -> assertThat(stored.get(id)).as(id).isGreaterThanOrEqualTo(version));
            // the indexes came back with the documents, in step with them
            assertThat(codes.countDocuments(Filters.gte("serial", 0L))).isEqualTo(stored.size());
            assertThat(codes.find(Filters.eq("batch", 3)).into(new ArrayList<>()))
                .hasSize((int) stored.keySet().stream().filter(id -> id.startsWith("3-")).count());
            assertThat(codes.listIndexes().map(index -> index.getString("name")).into(new ArrayList<>()))
                .containsAll(List.of("_id_", "batch_1_version_1", "serial_1"));
        }
    }
}
