package dev.couponbook.server.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import dev.couponbook.server.ApiClient;
import dev.couponbook.server.CouponBookServer;
import dev.couponbook.server.coupon.CouponApi;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code couponbook.embedded.mongo-port} puts the embedded MongoDB on a known port, named in the start-up log, where
 * an analyst's mongosh finds the event store as docs/read-models.md describes it.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedMongoPortTest {

    @Test
    void canServeTheEmbeddedStoreOnAFixedPortNamedInTheStartupLog(CapturedOutput output) throws IOException {
        int port = freePort();
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CouponBookServer.class).profiles("test")
                .run("--server.port=0", "--couponbook.embedded.mongo-port=" + port);
             MongoClient analyst = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            assertThat(output.getOut()).contains("embedded MongoDB mongodb://127.0.0.1:" + port + "/couponbook");

            int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
            String bookId = new CouponApi(new ApiClient(httpPort), app.getBean(JwtEncoder.class)).createBook(Map.of());

            Document created = analyst.getDatabase("couponbook").getCollection("domainevents")
                .find(Filters.regex("serializedPayload", Pattern.quote(bookId))).first();
            assertThat(created).isNotNull();
            assertThat(created.get("serializedPayload")).as("payloads are JSON text").isInstanceOf(String.class);
            assertThat(created.get("serializedMetaData")).isInstanceOf(String.class);
            assertThat(created.getString("payloadType")).endsWith("CouponBookCreated");
            assertThat(created.getString("aggregateIdentifier")).isEqualTo("book:" + bookId);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
